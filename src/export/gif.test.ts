import { decompressFrames, parseGIF } from 'gifuct-js';
import { describe, expect, it } from 'vitest';
import { GifWriter, type RgbaFrame } from './gif';

/** A frame of two flat colours split at column `edge`: easy to recognise after quantisation. */
function frame(width: number, height: number, edge: number): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < edge ? [200, 40, 40, 255] : [30, 60, 220, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const decode = (bytes: Uint8Array) => {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return decompressFrames(parseGIF(buffer), true);
};

describe('GifWriter', () => {
  it('writes every frame at its size and delay, decodable by another library', () => {
    const writer = new GifWriter(20);
    for (let i = 0; i < 6; i++) writer.add(frame(32, 16, 5 * i));
    const frames = decode(writer.finish());
    expect(frames).toHaveLength(6);
    for (const [i, f] of frames.entries()) {
      expect(f.dims).toMatchObject({ width: 32, height: 16 });
      expect(f.delay).toBe(50);
      // Left of the edge red, right of it blue, within quantisation.
      const px = (x: number) => Array.from(f.patch.slice(x * 4, x * 4 + 3));
      if (5 * i > 0) expect(px(0)[0]).toBeGreaterThan(180);
      expect(px(31)[2]).toBeGreaterThan(200);
    }
  });

  it('refuses frames that do not fit', () => {
    const writer = new GifWriter(10);
    writer.add(frame(8, 8, 2));
    expect(() => writer.add(frame(4, 4, 2))).toThrow(/8x8/);
    expect(() => writer.add({ data: new Uint8Array(3), width: 8, height: 8 })).toThrow(/256 RGBA bytes/);
    expect(() => new GifWriter(20).finish()).toThrow(/at least one frame/);
    expect(() => new GifWriter(0)).toThrow(RangeError);
  });
});
