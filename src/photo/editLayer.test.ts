import { describe, expect, it } from 'vitest';
import { editLayer, FADE_FULL, FADE_START, fadeLift, fadeWeight, ReusedArrays } from './editLayer';
import { blendEdit } from './blendEdit';
import { cropOf, editMargin, extendSimilarity, faceMask, faceRegion, patchToCrop } from './pasteBack';
import { MODEL_LANDMARKS } from './testing/landmarks';

const SIZE = 64;
const M = editMargin(SIZE);
const SIDE = SIZE + 2 * M;
const mask = faceMask(MODEL_LANDMARKS, SIZE, M);
const full = new Float32Array(SIZE * SIZE).fill(1); // the photo covers the whole crop
/** size x size x 3 bytes: a textured photo-like image, different per channel. */
const image = (seed: number) =>
  Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => 128 + 60 * Math.sin(i * 0.37 + seed) * Math.cos(i * 0.011));
const plus = (a: Float32Array, v: (p: number) => number) => a.map((x, i) => x + v(Math.floor(i / 3)));
const change = (layer: Float32Array, x: number, y: number, c: number) => layer[((y + M) * SIDE + x + M) * 4 + c]!;

describe('edit layer', () => {
  const base = image(1);
  const target = image(2); // the photo differs from the generation everywhere

  it('is no change at all for the unedited face, whatever the photo, and carries the mask', () => {
    const layer = editLayer(base, base, fadeLift(base, target), full, mask, SIZE, M);
    expect(layer.length).toBe(SIDE * SIDE * 4);
    for (let p = 0; p < SIDE * SIDE; p++) {
      for (let c = 0; c < 3; c++) expect(layer[p * 4 + c]).toBe(0);
      expect(layer[p * 4 + 3]).toBe(mask[p]);
    }
  });

  it('only adds an edit smaller than FADE_START: the photo keeps all of its own pixels', () => {
    const small = plus(base, () => FADE_START - 1);
    const layer = editLayer(small, base, fadeLift(base, target), full, mask, SIZE, M);
    for (const [x, y] of [
      [5, 5],
      [32, 30],
      [60, 40],
    ] as const)
      for (let c = 0; c < 3; c++) expect(change(layer, x, y, c)).toBeCloseTo(FADE_START - 1, 4);
  });

  it('where the edit is large, fades the photo toward the edited generation: photo + change = edited', () => {
    // A large edit over the left half only: there the change takes the photo's low frequencies to G(edited);
    // far from it (the right edge) the photo is untouched.
    const big = plus(base, (p) => (p % SIZE < SIZE / 2 ? 3 * FADE_FULL : 0));
    const layer = editLayer(big, base, fadeLift(base, target), full, mask, SIZE, M);
    for (let c = 0; c < 3; c++) {
      const i = (30 * SIZE + 10) * 3 + c;
      expect(target[i]! + change(layer, 10, 30, c)).toBeCloseTo(big[i]!, 3);
      expect(change(layer, SIZE - 3, 30, c)).toBe(0);
    }
    const alpha = fadeWeight(
      big.map((v, i) => v - base[i]!),
      SIZE,
    );
    expect(alpha[30 * SIZE + 10]).toBe(1);
    expect(alpha[30 * SIZE + SIZE - 3]).toBe(0);
    const ramp = Array.from({ length: SIZE }, (_, x) => alpha[30 * SIZE + x]!);
    for (let x = 1; x < SIZE; x++) expect(ramp[x]!).toBeLessThanOrEqual(ramp[x - 1]!); // falls off smoothly
    expect(ramp.filter((a) => a > 0 && a < 1).length).toBeGreaterThanOrEqual(2);
  });

  it("carries the crop's edge outward into the margins", () => {
    const edited = plus(base, (p) => (p % SIZE) + Math.floor(p / SIZE));
    const layer = editLayer(edited, base, fadeLift(base, target), full, mask, SIZE, M);
    for (let c = 0; c < 3; c++) {
      expect(change(layer, -M, 20, c)).toBe(change(layer, 0, 20, c));
      expect(change(layer, 20, -M, c)).toBe(change(layer, 20, 0, c));
      expect(change(layer, SIZE + M - 1, SIZE + M - 1, c)).toBe(change(layer, SIZE - 1, SIZE - 1, c));
    }
  });

  it("adds only the edit where the crop hangs off the photo: no bright band at the photo's edge", () => {
    // A flat grey 128 x 128 photo, the crop at half scale from photo (32, -32): its top quarter is off the photo. The
    // generation is the photo exactly, and the edit is large and flat, so the photo may brighten by D and no more.
    const [W, H, grey, d] = [128, 128, 100, 3 * FADE_FULL];
    const t = { a: 0.5, b: 0, tx: -16, ty: 16.25 }; // photo -> crop: the photo starts a quarter into row 16
    const canvas = extendSimilarity(t, M);
    const box = faceRegion(canvas, SIDE, W, H)!;
    expect(box.y).toBe(0);
    const patch = { width: box.width, height: box.height, data: new Uint8ClampedArray(box.width * box.height * 4) };
    for (let p = 0; p < box.width * box.height; p++) patch.data.set([grey, grey, grey, 255], p * 4);
    const { crop, coverage } = cropOf(patch, box, t, SIZE);
    expect(coverage[10 * SIZE + 32]).toBe(0);
    expect(coverage[16 * SIZE + 32]).toBe(0.75);
    expect(coverage[30 * SIZE + 32]).toBe(1);
    const flat = new Float32Array(SIZE * SIZE * 3).fill(grey);
    const edited = flat.map((v) => v + d);
    expect(mask[(16 + M) * SIDE + 32 + M]!).toBeGreaterThan(0.5); // the photo's edge is inside the mask
    const layer = editLayer(edited, flat, fadeLift(flat, crop), coverage, mask, SIZE, M);
    const out = blendEdit(patch, layer, SIDE, patchToCrop(canvas, box, box.width, box.height));
    let brightest = 0;
    for (let p = 0; p < box.width * box.height; p++) brightest = Math.max(brightest, out[p * 4]!);
    expect(brightest).toBeGreaterThan(grey + d / 2); // the edit does show
    expect(brightest).toBeLessThanOrEqual(grey + d + 1);
  });
});

describe('edit layer into reused arrays', () => {
  it('gives the same layer as into new arrays, whatever the arrays held from the frame before', () => {
    const base = image(1);
    const lift = fadeLift(base, image(2));
    const arrays = new ReusedArrays();
    const frames = [plus(base, (p) => (p % 64) / 2), plus(base, () => -30), base];
    let last: Float32Array | null = null;
    for (const edited of frames) {
      const layer = editLayer(edited, base, lift, full, mask, SIZE, M, arrays);
      if (last) expect(layer).toBe(last); // the same array, written again
      expect(Array.from(layer)).toEqual(Array.from(editLayer(edited, base, lift, full, mask, SIZE, M)));
      last = layer;
    }
  });
});
