import { describe, expect, it } from 'vitest';
import { blendEdit } from './blendEdit';
import { blendWithPlan, createBlendPlan } from './blendPlan';
import { blendScene, byteDifferences, LAYER_SIDE } from './testing/blendScene';

const side = LAYER_SIDE;
type Path = 'kernel' | 'js';

/** Compares the plan's bytes (through the kernel or the JS loop) to blendEdit's on blendScene's inputs. */
function compare(path: Path, rot: number, faceWidth: number, maxSide: number) {
  const { patch, mask, layer, params } = blendScene(rot, faceWidth, maxSide);
  const planned = createBlendPlan(patch, mask, side, params);
  expect(planned.kernel).not.toBeNull(); // Node has WebAssembly SIMD
  const plan = path === 'kernel' ? planned : { ...planned, kernel: null };
  const want = blendEdit(patch, layer, side, params);
  const got = blendWithPlan(plan, layer);
  const { worst, differ } = byteDifferences(got, want);
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

describe.each<Path>(['kernel', 'js'])('blendWithPlan through the %s path', (path) => {
  it("gives blendEdit's bytes on a real mask (but for rare rounding ties) and touches nothing it leaves", () => {
    const { patch, plan, got, worst, differ, untouched, kept } = compare(path, 0, 420, 640);
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

  it('writes into a buffer it is given, whatever that buffer held (a recycled frame)', () => {
    const { patch, mask, layer, params } = blendScene(0.3, 420, 640);
    const planned = createBlendPlan(patch, mask, side, params);
    const plan = path === 'kernel' ? planned : { ...planned, kernel: null };
    const want = blendWithPlan(plan, layer);
    const out = new Uint8ClampedArray(want.length).fill(7);
    expect(blendWithPlan(plan, layer, out)).toBe(out);
    expect(byteDifferences(out, want).differ).toBe(0);
    // Another layer into the same buffer: its own frame, nothing of the last one left.
    const other = layer.map((v) => -v);
    blendWithPlan(plan, other, out);
    expect(byteDifferences(out, blendWithPlan(plan, other)).differ).toBe(0);
  });

  it('matches blendEdit through a rotated alignment, with the region read at the largest preview size', () => {
    const { patch, worst, differ, got, untouched, kept } = compare(path, 0.5, 900, 640);
    expect(Math.max(patch.width, patch.height)).toBe(640);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
    expect(kept).toBe(untouched);
  });
});

describe('blendWithPlan', () => {
  it('plans nothing where the mask is 0 everywhere, and then returns the patch as it was', () => {
    const { patch, params } = blendScene(0.2, 420, 640);
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
    expect(() => blendWithPlan(plan, new Float32Array(16), new Uint8ClampedArray(8))).toThrow(/out has 8 bytes/);
  });
});
