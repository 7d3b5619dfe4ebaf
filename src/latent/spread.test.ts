import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { spreadSubset } from './spread';

describe('spreadSubset', () => {
  it('takes the extremes of a cloud before its middle', () => {
    // A 5 x 5 grid: the first four picks are its corners.
    const pts = Float32Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) % 5 : Math.floor(i / 10)));
    const picks = spreadSubset(pts, 5);
    const xy = picks.map((i) => [pts[2 * i], pts[2 * i + 1]].join());
    expect(new Set(xy.slice(0, 4))).toEqual(new Set(['0,0', '4,0', '0,4', '4,4']));
    expect(xy[4]).toBe('2,2');
  });

  it('never repeats a point, keeps k picks apart, and is deterministic', () => {
    const rng = createRng(4);
    const pts = Float32Array.from({ length: 2000 }, () => rng());
    const a = spreadSubset(pts, 20);
    expect(new Set(a).size).toBe(20);
    expect(spreadSubset(pts, 20)).toEqual(a);
    // Farthest-point picks are much farther apart than 20 random points would be at their closest.
    let closest = Infinity;
    for (const i of a)
      for (const j of a)
        if (i < j)
          closest = Math.min(closest, Math.hypot(pts[2 * i]! - pts[2 * j]!, pts[2 * i + 1]! - pts[2 * j + 1]!));
    expect(closest).toBeGreaterThan(0.15);
  });

  it('stops at the distinct points and handles small inputs', () => {
    expect(spreadSubset(Float32Array.from([1, 1, 1, 1, 1, 1]), 3)).toHaveLength(1);
    expect(spreadSubset(new Float32Array(0), 3)).toEqual([]);
    expect(spreadSubset(Float32Array.from([0, 0, 1, 1]), 10)).toHaveLength(2);
    expect(() => spreadSubset(Float32Array.from([1]), 1)).toThrow(/pairs/);
  });
});
