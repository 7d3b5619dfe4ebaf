import { describe, expect, it } from 'vitest';
import { createRng, gaussian } from './random';
import { symmetricEigen } from './symmetricEigen';

/** Checks A v_j = λ_j v_j for every pair, and that the vectors are orthonormal. */
function expectDecomposition(a: number[], n: number, digits: number): void {
  const { values, vectors } = symmetricEigen(a, n);
  const scale = Math.max(1, ...a.map(Math.abs));
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + j]!;
      expect((av - values[j]! * vectors[i * n + j]!) / scale).toBeCloseTo(0, digits);
    }
    for (let q = 0; q < n; q++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += vectors[k * n + j]! * vectors[k * n + q]!;
      expect(dot).toBeCloseTo(j === q ? 1 : 0, digits);
    }
  }
}

function randomSymmetric(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const a = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = gaussian(rng);
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

describe('symmetricEigen', () => {
  it('diagonalises a small matrix with known eigenvalues', () => {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, -1)/√2 and (1, 1)/√2.
    const { values } = symmetricEigen([2, 1, 1, 2], 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    expectDecomposition([2, 1, 1, 2], 2, 12);
    expectDecomposition([4, 1, 2, 1, 3, 0, 2, 0, 5], 3, 12);
  });

  it('handles random symmetric matrices up to the map size', () => {
    for (const [n, seed] of [
      [5, 1],
      [17, 2],
      [134, 3],
    ] as const) {
      const a = randomSymmetric(n, seed);
      expectDecomposition(a, n, 9);
      // The trace is the sum of the eigenvalues.
      const trace = Array.from({ length: n }, (_, i) => a[i * n + i]!).reduce((s, x) => s + x, 0);
      expect(symmetricEigen(a, n).values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 9);
    }
  });

  it('handles repeated eigenvalues, diagonal and zero matrices, and 1 x 1', () => {
    expectDecomposition([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, 12);
    expectDecomposition([3, 0, 0, 0, -1, 0, 0, 0, 2], 3, 12);
    expectDecomposition([0, 0, 0, 0], 2, 12);
    expect(symmetricEigen([7], 1).values).toEqual([7]);
    // A rank-one matrix: u uᵀ has eigenvalue |u|² once and 0 otherwise.
    const u = [1, 2, 3, 4];
    const a = u.flatMap((x) => u.map((y) => x * y));
    expectDecomposition(a, 4, 10);
    expect(Math.max(...symmetricEigen(a, 4).values)).toBeCloseTo(30, 10);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/expected 4 values for a 2 x 2 matrix/);
  });
});
