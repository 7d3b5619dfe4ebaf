// Principal component analysis on Float32Array rows: the sample mean, the covariance, and all its eigenvectors
// (symmetricEigen.ts: exact, deterministic, a few milliseconds for 134 x 134), of which the strongest k are kept.
import { symmetricEigen } from './symmetricEigen';

/** A fitted projection: `directions[i]` is a unit vector, orthogonal to the others, strongest first. */
export interface Pca {
  mean: Float32Array;
  directions: Float32Array[];
  /** The sample variance (divided by n - 1) along each direction. */
  variances: number[];
  /** The sum of the variances along every axis, so a caller can say how much the kept directions explain. */
  totalVariance: number;
}

/** The principal directions of `rows` (each of the same length), at most `k` of them. */
export function fitPca(rows: readonly Float32Array[], k: number): Pca {
  const n = rows.length;
  if (n < 2) throw new RangeError(`PCA needs at least 2 rows, got ${n}`);
  const dim = rows[0]!.length;
  if (dim === 0) throw new RangeError('PCA needs rows with at least one value');
  if (!Number.isInteger(k) || k < 1 || k > dim) throw new RangeError(`k must be an integer in [1, ${dim}], got ${k}`);
  for (const [i, r] of rows.entries()) {
    if (r.length !== dim) throw new RangeError(`row ${i} has ${r.length} values, expected ${dim}`);
  }
  const mean = meanOf(rows, dim);
  const cov = covariance(rows, mean);
  const { values, vectors } = symmetricEigen(cov, dim);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
  const directions = order.slice(0, k).map((j) => signed(column(vectors, dim, j)));
  return {
    mean: Float32Array.from(mean),
    directions,
    variances: order.slice(0, k).map((j) => Math.max(0, values[j]!)),
    totalVariance: values.reduce((s, v) => s + Math.max(0, v), 0),
  };
}

/** Coordinates of `v` along each direction, measured from the mean. */
export function project(pca: Pca, v: ArrayLike<number>): Float32Array {
  const dim = pca.mean.length;
  if (v.length !== dim) throw new RangeError(`expected ${dim} values, got ${v.length}`);
  return Float32Array.from(pca.directions, (d) => {
    let s = 0;
    for (let i = 0; i < dim; i++) s += (v[i]! - pca.mean[i]!) * d[i]!;
    return s;
  });
}

function meanOf(rows: readonly Float32Array[], dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (const r of rows) for (let i = 0; i < dim; i++) mean[i]! += r[i]!;
  for (let i = 0; i < dim; i++) mean[i]! /= rows.length;
  return mean;
}

/** The sample covariance, dim x dim row-major, in float64 so 1,000 rows do not lose precision. */
function covariance(rows: readonly Float32Array[], mean: Float64Array): Float64Array {
  const dim = mean.length;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (const r of rows) {
    for (let i = 0; i < dim; i++) centred[i] = r[i]! - mean[i]!;
    for (let i = 0; i < dim; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      const row = i * dim;
      for (let j = i; j < dim; j++) cov[row + j]! += ci * centred[j]!;
    }
  }
  const scale = 1 / (rows.length - 1);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = cov[i * dim + j]! * scale;
      cov[i * dim + j] = c;
      cov[j * dim + i] = c;
    }
  }
  return cov;
}

function column(m: Float64Array, dim: number, j: number): Float32Array {
  return Float32Array.from({ length: dim }, (_, i) => m[i * dim + j]!);
}

/** An eigenvector's sign is arbitrary; fixing its largest component positive keeps the map from flipping. */
function signed(d: Float32Array): Float32Array {
  let big = 0;
  for (let i = 1; i < d.length; i++) if (Math.abs(d[i]!) > Math.abs(d[big]!)) big = i;
  if (d[big]! < 0) for (let i = 0; i < d.length; i++) d[i] = -d[i]!;
  return d;
}
