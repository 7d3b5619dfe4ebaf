// Ranking latent dimensions by what an intervention on each does: over several base faces, set dimension d to -a σ and
// +a σ around the face (everything else fixed), read both results with the model's own condition encoder (E_y), and
// take the change per σ of each condition entry. Pure maths; the engine does the rendering and reading.
import type { LatentPoint } from './attributeVector';
import { sweepInputs, unitVector } from './intervention';
import type { LatentDistribution } from './random';

/** What one latent dimension does, averaged over the base faces. */
export interface EffectRow {
  /** The latent dimension. */
  dim: number;
  /** Per condition entry: the mean change of E_y's reading per σ moved (signed: + means the reading rises). */
  mean: Float32Array;
  /** Per condition entry: the sample standard deviation of that change across base faces (0 with one face). */
  spread: Float32Array;
  /** Mean absolute pixel change per σ (0-1 scale of the colour range), when frames were compared; else null. */
  picture: number | null;
}

/**
 * The engine inputs for ranking `dims`: for each dimension, for each base face, the face at -a σ then at +a σ.
 * So input 2 * (d * bases.length + b) + {0, 1} belongs to dims[d], base b, minus or plus.
 */
export function rankingInputs(
  dims: readonly number[],
  bases: readonly LatentPoint[],
  amplitude: number,
  prior: LatentDistribution,
): LatentPoint[] {
  if (!(amplitude > 0) || !Number.isFinite(amplitude)) {
    throw new RangeError(`the ranking's amplitude must be a positive number of σ, got ${amplitude}`);
  }
  if (bases.length === 0) throw new RangeError('the ranking needs at least one base face');
  return dims.flatMap((index) =>
    bases.flatMap((base) => sweepInputs(base, { kind: 'dimension', index }, [-amplitude, amplitude], prior)),
  );
}

/**
 * The effect rows of `dims` from E_y's readings of rankingInputs(dims, bases, amplitude) (same order). `pictureChanges`,
 * when given, holds one pixelChange(minus, plus) per (dimension, base) pair, in the same order.
 */
export function effectRows(
  dims: readonly number[],
  bases: number,
  amplitude: number,
  readings: readonly Float32Array[],
  pictureChanges?: readonly number[],
): EffectRow[] {
  const pairs = dims.length * bases;
  if (!Number.isInteger(bases) || bases < 1) throw new RangeError(`bases must be a whole number ≥ 1, got ${bases}`);
  if (readings.length !== 2 * pairs) {
    throw new RangeError(
      `expected ${2 * pairs} readings (${dims.length} dimensions × ${bases} faces × 2), got ${readings.length}`,
    );
  }
  if (pictureChanges && pictureChanges.length !== pairs) {
    throw new RangeError(`expected ${pairs} picture changes, got ${pictureChanges.length}`);
  }
  const entries = readings[0]?.length ?? 0;
  return dims.map((dim, d) => {
    const changes = Array.from({ length: bases }, (_, b) => {
      const minus = readings[2 * (d * bases + b)]!;
      const plus = readings[2 * (d * bases + b) + 1]!;
      if (minus.length !== entries || plus.length !== entries) throw new RangeError('readings differ in length');
      return Float64Array.from(plus, (p, c) => (p - minus[c]!) / (2 * amplitude));
    });
    const mean = new Float32Array(entries);
    const spread = new Float32Array(entries);
    for (let c = 0; c < entries; c++) {
      const values = changes.map((ch) => ch[c]!);
      const m = values.reduce((s, v) => s + v, 0) / bases;
      mean[c] = m;
      spread[c] = bases > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (bases - 1)) : 0;
    }
    let picture: number | null = null;
    if (pictureChanges) {
      const mine = pictureChanges.slice(d * bases, (d + 1) * bases);
      picture = mine.reduce((s, v) => s + v, 0) / bases / (2 * amplitude);
    }
    return { dim, mean, spread, picture };
  });
}

/** What a ranking sorts by: a condition entry's effect (by its size, either sign) or the picture change. */
export type RankKey = { kind: 'entry'; index: number } | { kind: 'picture' };

/** The size of `row`'s effect under `key` (NaN when the row has no picture measure). */
export function effectSize(row: EffectRow, key: RankKey): number {
  if (key.kind === 'picture') return row.picture ?? NaN;
  const m = row.mean[key.index];
  if (m === undefined) throw new RangeError(`no condition entry ${key.index}`);
  return Math.abs(m);
}

/** `rows` strongest first under `key` (ties and unmeasured rows: lower dimension first, unmeasured last). A new array. */
export function rankRows(rows: readonly EffectRow[], key: RankKey): EffectRow[] {
  const size = (r: EffectRow) => {
    const s = effectSize(r, key);
    return Number.isNaN(s) ? -Infinity : s;
  };
  return [...rows].sort((a, b) => size(b) - size(a) || a.dim - b.dim);
}

/**
 * Mean absolute difference of two RGBA frames' colour channels (alpha ignored), on a 0-1 scale: how much an
 * intervention changes the picture.
 */
export function pixelChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0 || a.length % 4 !== 0) {
    throw new RangeError(`cannot compare RGBA frames of ${a.length} and ${b.length} values`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  }
  return sum / ((a.length / 4) * 3 * 255);
}

/**
 * The unit latent direction that, to first order, raises entry `index`'s reading fastest: each ranked dimension's
 * mean effect as its component (dimensions not ranked: 0). Null when no dimension moves the entry.
 */
export function strongestDirection(rows: readonly EffectRow[], index: number, size: number): Float32Array | null {
  const v = new Float32Array(size);
  for (const row of rows) {
    if (row.dim < 0 || row.dim >= size) throw new RangeError(`dimension ${row.dim} is outside a latent of ${size}`);
    v[row.dim] = row.mean[index] ?? 0;
  }
  return unitVector(v);
}
