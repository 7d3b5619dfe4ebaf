// Attribute vectors (White 2016, "Sampling Generative Networks"): the mean of the faces that have a property minus
// the mean of those that do not, as a direction a slider moves along.
//
// The space. The IcGAN draws a face from two inputs, G(z, y), so a face is the point [z; y] (latent size +
// attribute count numbers) and the vector lives in that joint space. A property the model was taught (y) and one it
// was not (only z can hold "hat") are then handled alike: whatever separates the two groups, in z or in y, is in the
// difference. A slider at value c adds c * vector to both parts of the face's input.
//
// The scale. The slider adds c * (d_perp / 2), d_perp being the difference after orthogonalisation. Along the
// vector's own direction u, the "has it" group's mean then sits at +1 from the midpoint of the two means and the
// "hasn't" group's at -1 (d · u = |d_perp|, half of it is |d_perp / 2|), the same scale as the model's own
// attributes (off -1, on +1, sliders from -2 to 2).
//
// Orthogonalisation, in two parts. Here: an existing attribute's own axis in y, the input the generator was trained
// to obey for it. That is not enough on its own: the z part of the vector can move the encoder's reading of the
// attribute as much, even with a z direction that covaries with the reading removed as well. So the store then also
// removes the gradients of the reading with respect to [z; y] at the faces the slider moves, taken by the engine
// (src/store/customAttributes/readingOrthogonal.ts, with `orthogonalise` below), which leaves the reading nearly
// flat (figures: bench/results/choices.md). The correlations and changes are measured and shown before and after
// (sweepCorrelation.ts).
import { clampAttributes, type Attribute } from './attributes';

/** A face's generator input: z and y. */
export interface LatentPoint {
  latent: Float32Array;
  attributes: Float32Array;
}

export class AttributeVectorError extends Error {
  override name = 'AttributeVectorError';
}

export const MIN_FACES_PER_GROUP = 2;

export interface AttributeVectorOptions {
  /** Manifest indices of the attributes the vector must not move. */
  orthogonalTo?: readonly number[];
}

export interface AttributeVector {
  /** [latent size + attribute count]: what slider value +1 adds to [z; y]. */
  vector: Float32Array;
  /** The same, before orthogonalisation (equal to `vector` when none was asked for). */
  raw: Float32Array;
  /** Length of the z part and of the y part of `vector`. */
  zLength: number;
  yLength: number;
}

/**
 * The length the z part of a vector (half the mean difference) has from chance alone, when the picked faces' z are
 * drawn independently from N(0, std^2) whatever their property: each coordinate of the difference of two means has
 * variance std^2 (1/has + 1/hasnt).
 */
export function chanceLength(latent: { size: number; std: number }, has: number, hasnt: number): number {
  return (latent.std * Math.sqrt(latent.size * (1 / has + 1 / hasnt))) / 2;
}

/** [z; y] as one array, in float64 for the sums. */
export function jointPoint(point: LatentPoint): Float64Array {
  const out = new Float64Array(point.latent.length + point.attributes.length);
  out.set(point.latent);
  out.set(point.attributes, point.latent.length);
  return out;
}

/** The unit vector along attribute `index`'s y axis in the joint space. */
export function attributeAxis(index: number, latentSize: number, attributeCount: number): Float64Array {
  if (index < 0 || index >= attributeCount) throw new RangeError(`no attribute ${index}`);
  const axis = new Float64Array(latentSize + attributeCount);
  axis[latentSize + index] = 1;
  return axis;
}

/** mean(has) - mean(hasnt) in the joint space; throws an AttributeVectorError a person can read. */
export function meanDifference(has: readonly LatentPoint[], hasnt: readonly LatentPoint[]): Float64Array {
  if (has.length < MIN_FACES_PER_GROUP || hasnt.length < MIN_FACES_PER_GROUP) {
    throw new AttributeVectorError(
      `Pick at least ${MIN_FACES_PER_GROUP} faces that have it and ${MIN_FACES_PER_GROUP} that do not ` +
        `(now ${has.length} and ${hasnt.length}).`,
    );
  }
  const first = has[0]!;
  const mismatch = [...has, ...hasnt].some(
    (p) => p.latent.length !== first.latent.length || p.attributes.length !== first.attributes.length,
  );
  if (mismatch) throw new AttributeVectorError('The picked faces come from models of different sizes.');
  const a = mean(has.map(jointPoint));
  const b = mean(hasnt.map(jointPoint));
  const d = a.map((v, i) => v - b[i]!);
  if (!d.every(Number.isFinite)) throw new AttributeVectorError('A picked face holds a number that is not finite.');
  if (norm(d) < 1e-6) {
    throw new AttributeVectorError('The two groups average to the same face, so there is no difference to follow.');
  }
  return d;
}

/**
 * `v` minus its components along `directions` (modified Gram-Schmidt: the directions are made orthonormal first, so
 * overlapping ones are not removed twice). Directions of length ~0 are skipped.
 */
export function orthogonalise(v: Float64Array, directions: readonly Float64Array[]): Float64Array {
  const basis: Float64Array[] = [];
  for (const dir of directions) {
    if (dir.length !== v.length) throw new RangeError('direction and vector differ in length');
    const u = Float64Array.from(dir);
    for (const b of basis) subtractProjection(u, b);
    const n = norm(u);
    if (n > 1e-9) basis.push(u.map((x) => x / n));
  }
  const out = Float64Array.from(v);
  for (const b of basis) subtractProjection(out, b);
  return out;
}

/** The attribute vector of two groups of faces, optionally orthogonal to some of the model's attributes. */
export function buildAttributeVector(
  has: readonly LatentPoint[],
  hasnt: readonly LatentPoint[],
  options: AttributeVectorOptions = {},
): AttributeVector {
  const d = meanDifference(has, hasnt);
  const latentSize = has[0]!.latent.length;
  const attributeCount = has[0]!.attributes.length;
  const axes = (options.orthogonalTo ?? []).map((i) => attributeAxis(i, latentSize, attributeCount));
  const perp = orthogonalise(d, axes);
  if (norm(perp) < 1e-4 * norm(d)) {
    throw new AttributeVectorError(
      'Nothing is left once the chosen attributes are removed: the groups differ only in those. ' +
        'Untick some, or pick other faces.',
    );
  }
  const vector = Float32Array.from(perp, (x) => x / 2);
  return {
    vector,
    raw: Float32Array.from(d, (x) => x / 2),
    zLength: norm(vector.subarray(0, latentSize)),
    yLength: norm(vector.subarray(latentSize)),
  };
}

/**
 * `input` moved by amount_k * vector_k for each attribute vector: z freely, y kept inside each attribute's range.
 * Returns `input` itself when every amount is 0, so an unedited face reaches the engine bit for bit unchanged.
 */
export function applyAttributeVectors(
  input: LatentPoint,
  vectors: readonly Float32Array[],
  amounts: readonly number[],
  attributes: readonly Attribute[],
): LatentPoint {
  const L = input.latent.length;
  const active = vectors.map((v, k) => ({ v, a: amounts[k] ?? 0 })).filter((x) => x.a !== 0);
  if (active.length === 0) return input;
  for (const { v } of active) {
    if (v.length !== L + input.attributes.length) throw new RangeError('attribute vector does not fit this model');
  }
  const latent = Float32Array.from(input.latent, (z, i) => active.reduce((s, { v, a }) => s + a * v[i]!, z));
  const ys = Array.from(input.attributes, (y, j) => active.reduce((s, { v, a }) => s + a * v[L + j]!, y));
  return { latent, attributes: clampAttributes(ys, attributes) };
}

function mean(points: Float64Array[]): Float64Array {
  const out = new Float64Array(points[0]!.length);
  for (const p of points) for (let i = 0; i < out.length; i++) out[i] = out[i]! + p[i]!;
  return out.map((x) => x / points.length);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** u -= (u · b) b, for a unit b. */
function subtractProjection(u: Float64Array, b: Float64Array): void {
  const p = dot(u, b);
  for (let i = 0; i < u.length; i++) u[i] = u[i]! - p * b[i]!;
}
