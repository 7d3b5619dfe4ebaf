// Principal component analysis on Float32Array rows: the sample mean, the covariance, and its eigenvectors by the
// cyclic Jacobi method. Jacobi is exact to round-off, needs no random start (so the same rows always give the same
// directions) and does not struggle with nearly equal eigenvalues the way power iteration does; a 134 x 134
// covariance takes a few tens of milliseconds.

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

/**
 * Eigen-decomposition of a symmetric matrix (row-major, overwritten) by cyclic Jacobi rotations: sweeps until the
 * off-diagonal part is negligible against the diagonal. Eigenvector j is column j of `vectors`.
 */
export function symmetricEigen(a: Float64Array, dim: number): { values: number[]; vectors: Float64Array } {
  const v = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) v[i * dim + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < dim; p++) {
      diag += a[p * dim + p]! ** 2;
      for (let q = p + 1; q < dim; q++) off += a[p * dim + q]! ** 2;
    }
    if (off <= 1e-24 * diag || off === 0) break;
    for (let p = 0; p < dim - 1; p++) {
      for (let q = p + 1; q < dim; q++) rotate(a, v, dim, p, q);
    }
  }
  return { values: Array.from({ length: dim }, (_, i) => a[i * dim + i]!), vectors: v };
}

/** One Jacobi rotation that zeroes a[p][q] (Numerical Recipes' stable form). */
function rotate(a: Float64Array, v: Float64Array, dim: number, p: number, q: number): void {
  const apq = a[p * dim + q]!;
  if (apq === 0) return;
  const app = a[p * dim + p]!;
  const aqq = a[q * dim + q]!;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < dim; k++) {
    const akp = a[k * dim + p]!;
    const akq = a[k * dim + q]!;
    a[k * dim + p] = c * akp - s * akq;
    a[k * dim + q] = s * akp + c * akq;
  }
  for (let k = 0; k < dim; k++) {
    const apk = a[p * dim + k]!;
    const aqk = a[q * dim + k]!;
    a[p * dim + k] = c * apk - s * aqk;
    a[q * dim + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < dim; k++) {
    const vkp = v[k * dim + p]!;
    const vkq = v[k * dim + q]!;
    v[k * dim + p] = c * vkp - s * vkq;
    v[k * dim + q] = s * vkp + c * vkq;
  }
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
