import { describe, expect, it } from 'vitest';
import type { Similarity } from './align';
import { blendEdit } from './blendEdit';
import { blendWithPlan, createBlendPlan } from './blendPlan';
import { editMargin, extendSimilarity, faceMask, faceRegion, invertSimilarity, patchToCrop } from './pasteBack';
import { MODEL_LANDMARKS } from './testing/landmarks';

const res = 64; // the celeba64 model's crop
const margin = editMargin(res);
const side = res + 2 * margin;

/**
 * A live frame's inputs as PhotoEdit.create makes them: a 1600 x 1200 photo whose face (about `faceWidth` px, tilted by
 * `rot`) is aligned to the model's crop, its face region read at most `maxSide` px on its longer side (a pattern with
 * fine detail), the real paste-back mask and a layer whose change is a smooth ±60 byte units.
 */
function scene(rot: number, faceWidth: number, maxSide: number) {
  const s = faceWidth / res;
  const t: Similarity = invertSimilarity({ a: s * Math.cos(rot), b: s * Math.sin(rot), tx: 620, ty: 380 });
  const canvas = extendSimilarity(t, margin);
  const box = faceRegion(canvas, side, 1600, 1200)!;
  const k = Math.min(1, maxSide / Math.max(box.width, box.height));
  const [width, height] = [Math.round(box.width * k), Math.round(box.height * k)];
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const [x, y] = [p % width, Math.floor(p / width)];
    for (let c = 0; c < 3; c++)
      data[4 * p + c] = 128 + 100 * Math.sin(x / 23 + c) * Math.cos(y / 31) + ((p * 7919) % 41);
    data[4 * p + 3] = p % 97 === 0 ? 0 : 255; // a few transparent pixels (a PNG): the blend makes them opaque
  }
  const mask = faceMask(MODEL_LANDMARKS, res, margin);
  const layer = new Float32Array(side * side * 4);
  for (let p = 0; p < side * side; p++) {
    const [x, y] = [p % side, Math.floor(p / side)];
    for (let c = 0; c < 3; c++) layer[4 * p + c] = 60 * Math.sin(x / 6 + 2 * c) * Math.cos(y / 9 - c);
    layer[4 * p + 3] = mask[p]!;
  }
  return { patch: { width, height, data }, mask, layer, params: patchToCrop(canvas, box, width, height) };
}

/** Compares the plan's bytes to blendEdit's on `scene`'s inputs. */
function compare(rot: number, faceWidth: number, maxSide: number) {
  const { patch, mask, layer, params } = scene(rot, faceWidth, maxSide);
  const plan = createBlendPlan(patch, mask, side, params);
  const want = blendEdit(patch, layer, side, params);
  const got = blendWithPlan(plan, layer);
  let worst = 0;
  let differ = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    worst = Math.max(worst, d);
    if (d > 0) differ++;
  }
  // Every pixel blendEdit leaves as it was (all of R, G, B), the plan leaves as it was too.
  let untouched = 0;
  let kept = 0;
  for (let o = 0; o < want.length; o += 4) {
    if ([0, 1, 2].some((c) => want[o + c] !== patch.data[o + c])) continue;
    untouched++;
    if ([0, 1, 2].every((c) => got[o + c] === patch.data[o + c])) kept++;
  }
  return { patch, plan, got, worst, differ, untouched, kept };
}

describe('blendWithPlan', () => {
  it("gives blendEdit's bytes on a real mask (but for rare rounding ties) and touches nothing it leaves", () => {
    const { patch, plan, got, worst, differ, untouched, kept } = compare(0, 420, 640);
    expect(patch.width).toBeGreaterThan(300);
    // The mask reaches part of the patch, not all of it: both kinds of pixel are tested.
    expect(plan.offset.length).toBeGreaterThan(0.2 * patch.width * patch.height);
    expect(plan.offset.length).toBeLessThan(0.9 * patch.width * patch.height);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
    expect(untouched).toBeGreaterThan(0.1 * patch.width * patch.height);
    expect(kept).toBe(untouched);
    // Outside the plan: the patch's own bytes, opaque.
    const planned = new Uint8Array(patch.width * patch.height);
    for (const o of plan.offset) planned[o / 4] = 1;
    let moved = 0;
    for (let p = 0; p < planned.length; p++)
      for (let c = 0; c < 3; c++) if (!planned[p] && got[4 * p + c] !== patch.data[4 * p + c]) moved++;
    expect(moved).toBe(0);
    expect(got.filter((v, i) => i % 4 === 3 && v !== 255).length).toBe(0);
  });

  it('matches blendEdit through a rotated alignment, with the region read at the largest preview size', () => {
    const { patch, worst, differ, got, untouched, kept } = compare(0.5, 900, 640);
    expect(Math.max(patch.width, patch.height)).toBe(640);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
    expect(kept).toBe(untouched);
  });

  it('plans nothing where the mask is 0 everywhere, and then returns the patch as it was', () => {
    const { patch, params } = scene(0.2, 420, 640);
    const plan = createBlendPlan(patch, new Float32Array(side * side), side, params);
    expect(plan.offset.length).toBe(0);
    const layer = new Float32Array(side * side * 4).fill(50);
    const got = blendWithPlan(plan, layer);
    expect(got.length).toBe(patch.data.length);
    expect(got.filter((v, i) => v !== (i % 4 === 3 ? 255 : patch.data[i])).length).toBe(0);
  });

  it('refuses a mask or a layer of the wrong size', () => {
    const patch = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    const identity = [1, 0, 0, 0, 1, 0, 0, 0];
    expect(() => createBlendPlan(patch, new Float32Array(3), 2, identity)).toThrow(/mask has 3 values/);
    const plan = createBlendPlan(patch, new Float32Array(4), 2, identity);
    expect(() => blendWithPlan(plan, new Float32Array(8))).toThrow(/layer has 8 values/);
  });
});
