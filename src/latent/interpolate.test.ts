import { describe, expect, it } from 'vitest';
import { lerp, slerp } from './interpolate';
import { randomLatent } from './random';

const dist = { size: 128, mean: 0, std: 1 };
const a = randomLatent(1, dist);
const b = randomLatent(2, dist);
const norm = (v: Float32Array) => Math.hypot(...v);

describe('lerp', () => {
  it('returns the endpoints exactly', () => {
    expect(lerp(a, b, 0)).toEqual(a);
    expect(lerp(a, b, 1)).toEqual(b);
  });
  it('is the mid-point at t = 0.5', () => {
    const m = lerp(Float32Array.of(0, 2), Float32Array.of(2, 4), 0.5);
    expect(Array.from(m)).toEqual([1, 3]);
  });
  it('does not alias its inputs', () => {
    const out = lerp(a, b, 0);
    out[0] = 42;
    expect(a[0]).not.toBe(42);
  });
  it('rejects vectors of different lengths', () => {
    expect(() => lerp(a, new Float32Array(3), 0.5)).toThrow(RangeError);
  });
});

describe('slerp', () => {
  it('returns the endpoints exactly', () => {
    expect(slerp(a, b, 0)).toEqual(a);
    expect(slerp(a, b, 1)).toEqual(b);
  });
  it('keeps the norm of equal-norm endpoints along the arc', () => {
    const u = Float32Array.of(1, 0);
    const v = Float32Array.of(0, 1);
    for (const t of [0.1, 0.25, 0.5, 0.9]) expect(norm(slerp(u, v, t))).toBeCloseTo(1, 5);
    const mid = slerp(u, v, 0.5);
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
  it('stays closer to the sphere than lerp for random latents', () => {
    expect(norm(slerp(a, b, 0.5))).toBeGreaterThan(norm(lerp(a, b, 0.5)));
  });
  it('falls back to lerp for colinear, anti-colinear and zero vectors', () => {
    const u = Float32Array.of(1, 2, 3);
    const twice = Float32Array.of(2, 4, 6);
    const neg = Float32Array.of(-1, -2, -3);
    const zero = new Float32Array(3);
    for (const [p, q] of [
      [u, u],
      [u, twice],
      [u, neg],
      [zero, u],
    ] as const) {
      const s = slerp(p, q, 0.3);
      expect(s.every(Number.isFinite)).toBe(true);
      expect(Array.from(s)).toEqual(Array.from(lerp(p, q, 0.3)));
    }
  });
});
