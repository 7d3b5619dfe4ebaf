import { describe, expect, it } from 'vitest';
import { apply, type Similarity } from './align';
import { blendEdit } from './blendEdit';
import { faceRegion, invertSimilarity, patchToCrop } from './pasteBack';

const rot = 0.3;
/** photo -> crop (64 px): a face about 180 px wide at (300, 200), tilted. */
const T: Similarity = invertSimilarity({ a: 3 * Math.cos(rot), b: 3 * Math.sin(rot), tx: 250, ty: 150 });

describe('blendEdit', () => {
  it('leaves the patch exactly as it was where the mask is 0, and adds the difference where it is 1', () => {
    const r = 8;
    const data = Uint8ClampedArray.from({ length: r * r * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    // Left half of the crop: mask 1; right half: mask 0. The difference is +40 (and -300 on the top row: clipped).
    const layer = new Float32Array(r * r * 4);
    for (let y = 0; y < r; y++) {
      for (let x = 0; x < r; x++) {
        for (let c = 0; c < 3; c++) layer[(y * r + x) * 4 + c] = y === 0 ? -300 : 40;
        layer[(y * r + x) * 4 + 3] = x < r / 2 ? 1 : 0;
      }
    }
    const out = blendEdit({ width: r, height: r, data }, layer, r, [1, 0, 0, 0, 1, 0, 0, 0]);
    for (let y = 0; y < r; y++) {
      for (let x = 0; x < r; x++) {
        for (let c = 0; c < 3; c++) {
          const orig = data[(y * r + x) * 4 + c]!;
          const want = x < r / 2 ? Math.min(255, Math.max(0, orig + (y === 0 ? -300 : 40))) : orig;
          expect(out[(y * r + x) * 4 + c]).toBe(want);
        }
        expect(out[(y * r + x) * 4 + 3]).toBe(255);
      }
    }
    expect(data[0]).toBe(0); // the patch itself is not written to
  });

  it('rounds half to even, like the tensor path it replaced (tf.round)', () => {
    const data = new Uint8ClampedArray([10, 11, 12, 255]);
    const layer = new Float32Array([0.5, 0.5, -0.5, 1]);
    expect(Array.from(blendEdit({ width: 1, height: 1, data }, layer, 1, [1, 0, 0, 0, 1, 0, 0, 0]))).toEqual([
      10, 12, 12, 255,
    ]);
  });

  it('puts a crop point back on the photo point it came from, within 0.5 px (round trip through the warp)', () => {
    const box = faceRegion(T, 64, 1000, 800)!;
    for (const [pw, ph] of [
      [box.width, box.height],
      [Math.round(box.width / 2), Math.round(box.height / 2)],
    ] as const) {
      const q: [number, number] = [27.3, 35.8]; // a spot in the crop, continuous pixels
      const layer = new Float32Array(64 * 64 * 4);
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          const v = 200 * Math.exp(-((x + 0.5 - q[0]) ** 2 + (y + 0.5 - q[1]) ** 2) / 4);
          for (let c = 0; c < 3; c++) layer[(y * 64 + x) * 4 + c] = v;
          layer[(y * 64 + x) * 4 + 3] = 1;
        }
      }
      const data = blendEdit({ width: pw, height: ph, data: new Uint8ClampedArray(pw * ph * 4) }, layer, 64, [
        ...patchToCrop(T, box, pw, ph),
      ]);
      let [sx, sy, s] = [0, 0, 0];
      for (let j = 0; j < ph; j++) {
        for (let i = 0; i < pw; i++) {
          const v = data[(j * pw + i) * 4]!;
          sx += v * (box.x + ((i + 0.5) * box.width) / pw);
          sy += v * (box.y + ((j + 0.5) * box.height) / ph);
          s += v;
        }
      }
      const expected = apply(invertSimilarity(T), q);
      // Half a pixel of the patch, in photo pixels.
      const tolerance = 0.5 * Math.max(1, box.width / pw);
      expect(Math.hypot(sx / s - expected[0], sy / s - expected[1])).toBeLessThan(tolerance);
    }
  });

  it('refuses a layer of the wrong size', () => {
    const patch = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    expect(() => blendEdit(patch, new Float32Array(8), 2, [1, 0, 0, 0, 1, 0, 0, 0])).toThrow(/layer has 8 values/);
  });
});
