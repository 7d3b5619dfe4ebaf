// For detection tests in Node, which has no OffscreenCanvas: a photo held as RGBA bytes and read at any size by area
// averaging (about what a canvas does to draw a picture smaller), and the public-domain portrait the e2e tests use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Box } from '../../../photo/pasteBack';
import type { PhotoSource } from '../faceSearch';
import type { RgbaImage } from '../regionReader';

/** For each output pixel along one side, the source pixels it covers and their weights (coverage, summing to 1). */
function coverage(start: number, length: number, out: number, size: number): { at: number[]; weight: number[] }[] {
  const step = length / out;
  return Array.from({ length: out }, (_, i) => {
    const a = start + i * step;
    const b = a + step;
    const at: number[] = [];
    const weight: number[] = [];
    for (let p = Math.floor(a); p < Math.ceil(b); p++) {
      at.push(Math.min(size - 1, Math.max(0, p)));
      weight.push((Math.min(b, p + 1) - Math.max(a, p)) / step);
    }
    return { at, weight };
  });
}

/** `box` of `image` at `width` x `height`: each output pixel the mean of the source pixels it covers. */
export function readArea(image: RgbaImage, box: Box, width: number, height: number): RgbaImage {
  const xs = coverage(box.x, box.width, width, image.width);
  const ys = coverage(box.y, box.height, height, image.height);
  const data = new Uint8ClampedArray(width * height * 4);
  const sum = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    const row = ys[y] as { at: number[]; weight: number[] };
    for (let x = 0; x < width; x++) {
      const col = xs[x] as { at: number[]; weight: number[] };
      sum.fill(0);
      for (let j = 0; j < row.at.length; j++) {
        const base = (row.at[j] as number) * image.width;
        for (let i = 0; i < col.at.length; i++) {
          const w = (row.weight[j] as number) * (col.weight[i] as number);
          const k = (base + (col.at[i] as number)) * 4;
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] as number) + w * (image.data[k + c] as number);
        }
      }
      data.set(sum, (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** A PhotoSource over RGBA bytes in memory. */
export function rgbaPhoto(image: RgbaImage): PhotoSource {
  return { width: image.width, height: image.height, read: (box, w, h) => readArea(image, box, w, h) };
}

/**
 * e2e/assets/astronaut.jpg (512 x 512, NASA, public domain) as RGBA bytes. Node decodes no JPEG, so this borrows
 * jpeg-js from Playwright's bundle, already installed for the e2e tests.
 */
export function astronaut(): RgbaImage {
  const load = createRequire(import.meta.url);
  const { jpegjs } = load('playwright-core/lib/utilsBundle') as {
    jpegjs: { decode(bytes: Buffer, o: { useTArray: true }): { width: number; height: number; data: Uint8Array } };
  };
  const { width, height, data } = jpegjs.decode(
    readFileSync(resolve(import.meta.dirname, '../../../../e2e/assets/astronaut.jpg')),
    {
      useTArray: true,
    },
  );
  return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}
