import { describe, expect, it } from 'vitest';
import { fitPca, project } from './pca';
import { createRng, gaussian } from './random';

/** n rows x = mean + Σ_j sqrt(var_j) g_j basis_j, with g Gaussian from `seed`: covariance Σ var_j basis_j basis_jᵀ. */
function sample(n: number, mean: number[], basis: number[][], variances: number[], seed: number): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = Float32Array.from(mean);
    basis.forEach((b, j) => {
      const g = gaussian(rng) * Math.sqrt(variances[j]!);
      b.forEach((v, i) => (x[i]! += g * v));
    });
    return x;
  });
}

/** An orthonormal basis of R^dim, rotated away from the axes (Gram-Schmidt on seeded Gaussian vectors). */
function randomBasis(dim: number, seed: number): number[][] {
  const rng = createRng(seed);
  const basis: number[][] = [];
  while (basis.length < dim) {
    const v = Array.from({ length: dim }, () => gaussian(rng));
    for (const b of basis) {
      const d = dot(v, b);
      b.forEach((x, i) => (v[i]! -= d * x));
    }
    const norm = Math.hypot(...v);
    basis.push(v.map((x) => x / norm));
  }
  return basis;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

describe('fitPca', () => {
  it('recovers a known covariance: its directions, their variances and the total', () => {
    const dim = 8;
    const basis = randomBasis(dim, 7);
    const variances = [25, 9, 4, 1, 0.5, 0.25, 0.1, 0.05];
    const rows = sample(20000, [3, -1, 0, 2, 5, 0, 1, -4], basis, variances, 11);
    const pca = fitPca(rows, 3);
    for (let j = 0; j < 3; j++) {
      // The same line as the true direction (the sign is a convention), to within sampling error.
      expect(Math.abs(dot(pca.directions[j]!, basis[j]!))).toBeGreaterThan(0.99);
      expect(pca.variances[j]! / variances[j]!).toBeGreaterThan(0.95);
      expect(pca.variances[j]! / variances[j]!).toBeLessThan(1.05);
    }
    const total = variances.reduce((s, v) => s + v, 0);
    expect(pca.totalVariance / total).toBeCloseTo(1, 1);
    [3, -1, 0, 2, 5, 0, 1, -4].forEach((m, i) => expect(Math.abs(pca.mean[i]! - m)).toBeLessThan(0.1));
  });

  it('gives exact answers on a small hand-made cloud', () => {
    // Points (±2, 0) and (0, ±1): variance 8/3 along x and 2/3 along y (n - 1 = 3), mean 0.
    const rows = [
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ].map((r) => Float32Array.from(r));
    const pca = fitPca(rows, 2);
    expect(pca.variances[0]).toBeCloseTo(8 / 3, 10);
    expect(pca.variances[1]).toBeCloseTo(2 / 3, 10);
    expect([...pca.directions[0]!]).toEqual([1, 0]);
    expect([...pca.directions[1]!]).toEqual([0, 1]);
    expect([...project(pca, Float32Array.from([2, 0]))]).toEqual([2, 0]);
    expect([...project(pca, Float32Array.from([0, -1]))]).toEqual([0, -1]);
  });

  it('returns orthonormal directions, strongest first, on 1,000 rows of 134 numbers', () => {
    const dim = 134;
    const rng = createRng(3);
    const rows = Array.from({ length: 1000 }, () =>
      Float32Array.from({ length: dim }, (_, i) => gaussian(rng) * (i < 6 ? 3 - i * 0.3 : 1)),
    );
    const pca = fitPca(rows, 10);
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 10; b++) {
        expect(dot(pca.directions[a]!, pca.directions[b]!)).toBeCloseTo(a === b ? 1 : 0, 5);
      }
      if (a > 0) expect(pca.variances[a]!).toBeLessThanOrEqual(pca.variances[a - 1]!);
    }
    // The variance along each direction is what the projected rows actually show.
    const along = rows.map((r) => project(pca, r)[0]!);
    const varAlong = along.reduce((s, x) => s + x * x, 0) / (rows.length - 1);
    expect(varAlong / pca.variances[0]!).toBeCloseTo(1, 4);
  });

  it('projects the mean to the origin, and is linear around it', () => {
    const rows = sample(500, [1, 2, 3, 4], randomBasis(4, 1), [4, 3, 2, 1], 5);
    const pca = fitPca(rows, 2);
    for (const c of project(pca, pca.mean)) expect(Math.abs(c)).toBeLessThan(1e-6);
    const step = Float32Array.from(pca.mean, (m, i) => m + 2 * pca.directions[1]![i]!);
    const p = project(pca, step);
    expect(p[0]).toBeCloseTo(0, 5);
    expect(p[1]).toBeCloseTo(2, 5);
  });

  it('is deterministic: the same rows give bit-identical results', () => {
    const rows = sample(300, [0, 0, 0, 0, 0], randomBasis(5, 2), [5, 5, 1, 1, 1], 9);
    const a = fitPca(rows, 3);
    const b = fitPca(
      rows.map((r) => r.slice()),
      3,
    );
    expect(a).toEqual(b);
    expect(a.directions.map((d) => [...d])).toEqual(b.directions.map((d) => [...d]));
  });

  it('fixes each direction so that its largest component is positive', () => {
    const rows = [
      [0, -3],
      [0, 3],
      [1, 0],
      [-1, 0],
    ].map((r) => Float32Array.from(r));
    const [d] = fitPca(rows, 1).directions;
    expect([...d!]).toEqual([0, 1]);
  });

  it('refuses bad input with a clear message', () => {
    const r = Float32Array.from([1, 2]);
    expect(() => fitPca([r], 1)).toThrow(/at least 2 rows/);
    expect(() => fitPca([r, Float32Array.from([1])], 1)).toThrow(/row 1 has 1 values, expected 2/);
    expect(() => fitPca([r, r], 3)).toThrow(/k must be an integer in \[1, 2\]/);
    expect(() => fitPca([new Float32Array(0), new Float32Array(0)], 1)).toThrow(/at least one value/);
    expect(() => project(fitPca([r, Float32Array.from([0, 0])], 1), [1])).toThrow(/expected 2 values/);
  });
});
