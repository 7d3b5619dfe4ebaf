import { describe, expect, it } from 'vitest';
import { FIELD_CHANNELS, IDENTITY_FIELD } from './editFields';
import { createWarpPlan, warpBlend, warpWithPlan } from './warpBlend';

const SIDE = 16;
const W = 40;
const H = 32;

/** A patch whose red channel is 4 x (column index) and green 4 x (row index): a move is readable in its bytes. */
function patch() {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set([4 * x, 4 * y, 100, 255], (y * W + x) * 4);
  return { width: W, height: H, data };
}
const fill = (values: readonly number[]) => {
  const f = new Float32Array(SIDE * SIDE * FIELD_CHANNELS);
  for (let p = 0; p < SIDE * SIDE; p++) f.set(values, p * FIELD_CHANNELS);
  return f;
};
const ones = new Float32Array(SIDE * SIDE).fill(1);
// Patch pixel (x, y) reads canvas point (x / 2, y / 2): 2 patch pixels per canvas pixel.
const PARAMS = [0.5, 0, 0, 0, 0.5, 0];
const at = (d: Uint8ClampedArray, x: number, y: number) => Array.from(d.subarray((y * W + x) * 4, (y * W + x) * 4 + 4));

describe('warpBlend', () => {
  it('gives the photo back exactly under the identity fields', () => {
    const p = patch();
    const out = warpBlend(p, fill(IDENTITY_FIELD), ones, SIDE, PARAMS, null, 8);
    expect(Array.from(out)).toEqual(Array.from(p.data));
  });

  it('moves the photo by the flow, carried into patch pixels by the alignment', () => {
    // E(x) = B(x + 1 canvas pixel to the right): each patch pixel reads the photo 2 pixels to its right.
    const fields = fill([1, 0, 1, 0, 0, 0]);
    const out = warpBlend(patch(), fields, ones, SIDE, PARAMS, null);
    expect(at(out, 10, 10)).toEqual([48, 40, 100, 255]);
  });

  it('scales by the gain and adds the residual', () => {
    const fields = fill([0, 0, 2, 5, 0, -10]);
    const out = warpBlend(patch(), fields, ones, SIDE, PARAMS, null);
    expect(at(out, 10, 10)).toEqual([85, 80, 190, 255]);
  });

  it('weighs the edit by the mask and the matte, and leaves the rest alone', () => {
    const p = patch();
    const matte = new Float32Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W / 2; x++) matte[y * W + x] = 0.5; // right half: no person
    const fields = fill([0, 0, 2, 0, 0, 0]);
    const out = warpBlend(p, fields, ones, SIDE, PARAMS, matte);
    expect(at(out, 5, 5)).toEqual([30, 30, 150, 255]); // halfway to double
    expect(at(out, 30, 5)).toEqual(at(p.data, 30, 5));
    // Beyond the canvas (patch x >= 2 * SIDE) the mask reads 0.
    const beyond = warpBlend(p, fields, ones, SIDE, PARAMS, null);
    expect(at(beyond, 36, 5)).toEqual(at(p.data, 36, 5));
  });

  it('draws the same bytes from a whole plan into a reused buffer as banded (its kernel: within 1)', () => {
    const p = patch();
    const fields = fill([0.7, -0.3, 1.2, 3, -2, 1]);
    const banded = warpBlend(p, fields, ones, SIDE, PARAMS, null, 5);
    const plan = createWarpPlan(p, ones, SIDE, PARAMS, null);
    expect(plan.kernel).not.toBeNull();
    const reused = new Uint8ClampedArray(W * H * 4).fill(7);
    expect(Array.from(warpWithPlan({ ...plan, kernel: null }, fields, reused))).toEqual(Array.from(banded));
    reused.fill(7);
    const fast = warpWithPlan(plan, fields, reused);
    expect(fast).toBe(reused);
    expect(Math.max(...Array.from(fast, (v, i) => Math.abs(v - banded[i]!)))).toBeLessThanOrEqual(1);
  });
});
