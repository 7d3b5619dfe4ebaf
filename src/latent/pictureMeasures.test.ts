import { describe, expect, it } from 'vitest';
import { measurePicture, PICTURE_MEASURES } from './pictureMeasures';

const W = 32;
const H = 32;
const at = (name: string) => PICTURE_MEASURES.findIndex((m) => m.name === name);

/** A black W × H RGBA frame with grey `level` (0-255) wherever `inside(x, y)`. */
function frame(inside: (x: number, y: number) => boolean, level = 255): Uint8ClampedArray {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = 4 * (y * W + x);
      const v = inside(x, y) ? level : 0;
      data.set([v, v, v, 255], i);
    }
  }
  return data;
}
const rect = (x0: number, y0: number, w: number, h: number) => (x: number, y: number) =>
  x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;

describe('picture measures', () => {
  it('measure a rectangle: its brightness, width, height and area, and no flare', () => {
    const m = measurePicture(frame(rect(4, 2, 16, 24), 204), W, H);
    expect(m[at('brightness')]).toBeCloseTo(0.8, 5);
    expect(m[at('width')]).toBeCloseTo(16 / 32, 5);
    expect(m[at('height')]).toBeCloseTo(24 / 32, 5);
    expect(m[at('area')]).toBeCloseTo((16 * 24) / (32 * 32), 5);
    expect(m[at('flare')]).toBeCloseTo(0.5, 5);
  });

  it('brightness is the object’s own, not diluted by the black around it', () => {
    const small = measurePicture(frame(rect(10, 10, 4, 4), 102), W, H);
    const large = measurePicture(frame(rect(2, 2, 28, 28), 102), W, H);
    expect(small[at('brightness')]).toBeCloseTo(0.4, 5);
    expect(large[at('brightness')]).toBeCloseTo(0.4, 5);
    expect(large[at('area')]! / small[at('area')]!).toBeCloseTo(49, 5);
  });

  it('a wider top (short sleeves) flares below 0.5, a wider bottom above it', () => {
    // A T-shirt: 24 px wide over the top 6 rows, a 12 px body below down to row 29.
    const tee = (x: number, y: number) => rect(4, 2, 24, 6)(x, y) || rect(10, 2, 12, 28)(x, y);
    const m = measurePicture(frame(tee), W, H);
    expect(m[at('width')]).toBeCloseTo(24 / 32, 5);
    // Thirds of 28 rows are 9 rows: the top one has 6 rows of 24 and 3 of 12 (mean 20); the bottom one 12.
    expect(m[at('flare')]).toBeCloseTo(12 / (12 + 20), 5);
    const skirt = (x: number, y: number) => rect(10, 2, 12, 28)(x, y) || rect(4, 24, 24, 6)(x, y);
    expect(measurePicture(frame(skirt), W, H)[at('flare')]).toBeGreaterThan(0.55);
  });

  it('ignores pixels at or below the foreground threshold, and a lone stray pixel in the extent', () => {
    const faint = (x: number, y: number) => rect(4, 2, 16, 24)(x, y) || x > 24;
    const dim = frame(faint, 204);
    for (let i = 0; i < dim.length; i += 4) {
      const x = (i / 4) % W;
      if (x > 24) dim.fill(20, i, i + 3); // 20 / 255 < 0.1: background noise
    }
    const stray = frame((x, y) => rect(4, 2, 16, 24)(x, y) || (x === 31 && y === 31), 204);
    for (const m of [measurePicture(dim, W, H), measurePicture(stray, W, H)]) {
      expect(m[at('width')]).toBeCloseTo(0.5, 5);
      expect(m[at('height')]).toBeCloseTo(0.75, 5);
    }
  });

  it('an empty frame measures all zeros; a frame of the wrong size is refused', () => {
    expect(
      Array.from(
        measurePicture(
          frame(() => false),
          W,
          H,
        ),
      ),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(() => measurePicture(new Uint8ClampedArray(10), W, H)).toThrow(RangeError);
  });

  it('reads colour frames by their mean intensity', () => {
    const data = frame(rect(0, 0, 32, 32), 0);
    for (let i = 0; i < data.length; i += 4) data.set([255, 0, 0], i); // pure red: intensity 1/3
    expect(measurePicture(data, W, H)[at('brightness')]).toBeCloseTo(1 / 3, 5);
  });
});
