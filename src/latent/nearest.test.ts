import { describe, expect, it } from 'vitest';
import { nearest } from './nearest';
import { createRng, gaussian } from './random';

const v = (...x: number[]) => Float32Array.from(x);

describe('nearest', () => {
  it('orders candidates by Euclidean distance and keeps k', () => {
    const candidates = [v(3, 0), v(1, 0), v(0, 2), v(-5, 0)];
    expect(nearest(v(0, 0), candidates, 3)).toEqual([
      { index: 1, distance: 1 },
      { index: 2, distance: 2 },
      { index: 0, distance: 3 },
    ]);
  });

  it('skips the query itself and breaks ties by list order', () => {
    const candidates = [v(1, 1), v(0, 1), v(1, 0)];
    expect(nearest(v(1, 1), candidates, 5).map((n) => n.index)).toEqual([1, 2]);
  });

  it('agrees with a sort of all distances on random 134-dim data', () => {
    const rng = createRng(1);
    const pts = Array.from({ length: 300 }, () => Float32Array.from({ length: 134 }, () => gaussian(rng)));
    const q = pts[17]!;
    const got = nearest(q, pts, 10).map((n) => n.index);
    const all = pts
      .map((p, i) => ({ i, d: Math.hypot(...p.map((x, j) => x - q[j]!)) }))
      .filter((x) => x.i !== 17)
      .sort((a, b) => a.d - b.d)
      .slice(0, 10)
      .map((x) => x.i);
    expect(got).toEqual(all);
  });

  it('refuses mismatched lengths and a bad k', () => {
    expect(() => nearest(v(0, 0), [v(1)], 1)).toThrow(/candidate 0 has 1 values, the query 2/);
    expect(() => nearest(v(0), [], -1)).toThrow(/k must be/);
    expect(nearest(v(0), [], 3)).toEqual([]);
  });
});
