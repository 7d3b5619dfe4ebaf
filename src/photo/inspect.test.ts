import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectBlob, inspectPhoto, MAX_FILE_BYTES } from './inspect';
import { crc32 } from './testing/crc32';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A real PNG (grayscale, 8-bit) of the given size; the pixel data is one deflated run of zeros. */
function png(width: number, height: number, pixels = true): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8;
  const raw = pixels ? deflateSync(new Uint8Array((width + 1) * height)) : new Uint8Array();
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', raw),
    chunk('IEND', new Uint8Array()),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function jpegHeader(width: number, height: number, complete = true): Uint8Array {
  const sof = [
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xda, 0, 2, 1, 2, 3, ...(complete ? [0xff, 0xd9] : [])]);
}

const check = (b: Uint8Array) => inspectPhoto(b.subarray(0, 65536), b.subarray(Math.max(0, b.length - 16)), b.length);

describe('inspectPhoto', () => {
  it('accepts a PNG, a JPEG and a WebP, reading their sizes', () => {
    expect(check(png(100, 80))).toEqual({ ok: true, format: 'png', width: 100, height: 80 });
    expect(check(jpegHeader(640, 480))).toEqual({ ok: true, format: 'jpeg', width: 640, height: 480 });
    const webp = new Uint8Array(40);
    webp.set(new TextEncoder().encode('RIFF'), 0);
    webp.set(new TextEncoder().encode('WEBPVP8X'), 8);
    webp.set([199, 0, 0, 99, 0, 0], 24);
    expect(check(webp)).toEqual({ ok: true, format: 'webp', width: 200, height: 100 });
  });

  it.each([
    ['empty', new Uint8Array()],
    ['truncated', jpegHeader(640, 480, false)],
    ['truncated', png(100, 80).subarray(0, 60)],
    ['too-many-pixels', png(20000, 20000, false)],
    ['too-small', png(40, 40)],
    ['gif', new TextEncoder().encode('GIF89a\x01\x00\x01\x00')],
    ['svg', new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['heic', Uint8Array.from([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0])],
    ['not-an-image', new TextEncoder().encode('hello, this is a text file')],
  ] as const)('refuses %s with a message', (problem, bytes) => {
    const r = check(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses a file over 50 MB without reading it', () => {
    const r = inspectPhoto(png(100, 80), new Uint8Array(), MAX_FILE_BYTES + 1);
    expect(r.ok).toBe(false);
  });

  it('reads head and tail of a Blob', async () => {
    expect(await inspectBlob(new Blob([png(64, 64) as BlobPart]))).toMatchObject({ ok: true, width: 64 });
  });
});

describe('inspectPhoto on real files (src/photo/testing: our own drawing, 160x120)', () => {
  const file = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, 'testing', name)));

  it('accepts an AVIF (made by avifenc) and a BMP (made by ImageMagick), reading their sizes', () => {
    expect(check(file('drawing.avif'))).toEqual({ ok: true, format: 'avif', width: 160, height: 120 });
    expect(check(file('drawing.bmp'))).toEqual({ ok: true, format: 'bmp', width: 160, height: 120 });
  });

  it('refuses a BMP cut short, and tells HEIC from AVIF by its brands', () => {
    const bmp = file('drawing.bmp');
    expect(check(bmp.subarray(0, bmp.length - 100))).toMatchObject({ ok: false, problem: 'truncated' });
    const avif = file('drawing.avif');
    const heic = avif.slice();
    heic.set(new TextEncoder().encode('heic'), 8);
    heic.set(new TextEncoder().encode('heicmif1'), 16);
    expect(check(heic)).toMatchObject({ ok: false, problem: 'heic' });
    // HEIF's generic brand first, AVIF among the compatible ones: still an AVIF.
    const generic = avif.slice();
    generic.set(new TextEncoder().encode('mif1'), 8);
    expect(check(generic)).toMatchObject({ ok: true, format: 'avif' });
  });
});
