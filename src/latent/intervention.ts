// Interventions on a generator's inputs (the latent-interpretation line of work): hold everything fixed, move one
// input, and see what changes. Generic over "a latent with a prior" plus "a condition vector with named entries", so it
// serves attribute models (faces: y in the sliders' scale) and class-conditional ones (one-hot y) alike.
import type { LatentPoint } from './attributeVector';
import type { LatentDistribution } from './random';

/** A named entry of the condition vector and its declared range (an `Attribute` fits). */
export interface ConditionEntry {
  name: string;
  label: string;
  min: number;
  max: number;
}

/**
 * What a sweep moves. `dimension`: latent coordinate `index`; `direction`: a unit vector in the latent (`label` names
 * it); both in units of the prior's σ, around the base face. `condition`: entry `index` of the condition vector,
 * across its declared [min, max], since a condition has a range where a latent has a prior.
 */
export type SweepAxis =
  | { kind: 'dimension'; index: number }
  | { kind: 'direction'; vector: Float32Array; label: string }
  | { kind: 'condition'; index: number };

/** `steps` evenly spaced values from `from` to `to`, both included. */
export function evenly(from: number, to: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`a sweep needs at least 2 steps, got ${steps}`);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('a sweep needs finite end values');
  return Array.from({ length: steps }, (_, s) => (s === steps - 1 ? to : from + ((to - from) * s) / (steps - 1)));
}

/**
 * Where a sweep of `axis` stops: offsets from -k to +k σ for a latent axis (0 is the base face itself), absolute
 * values from min to max for a condition entry.
 */
export function sweepValues(
  axis: SweepAxis,
  k: number,
  steps: number,
  conditions: readonly ConditionEntry[],
): number[] {
  if (axis.kind === 'condition') {
    const entry = conditions[axis.index];
    if (!entry) throw new RangeError(`no condition entry ${axis.index} (there are ${conditions.length})`);
    return evenly(entry.min, entry.max, steps);
  }
  if (!(k > 0) || !Number.isFinite(k))
    throw new RangeError(`the sweep's reach must be a positive number of σ, got ${k}`);
  return evenly(-k, k, steps);
}

/**
 * The base face with `axis` moved to each of `values` (see sweepValues), everything else as in `base`. Fresh arrays,
 * one input per value.
 */
export function sweepInputs(
  base: LatentPoint,
  axis: SweepAxis,
  values: readonly number[],
  prior: LatentDistribution,
): LatentPoint[] {
  checkAxis(axis, base, prior);
  return values.map((v) => {
    if (axis.kind === 'condition') {
      const attributes = base.attributes.slice();
      attributes[axis.index] = v;
      return { latent: base.latent.slice(), attributes };
    }
    return { latent: moveLatent(base.latent, axis, v * prior.std), attributes: base.attributes.slice() };
  });
}

/** `latent` moved by `amount` along a latent axis (a coordinate, or a unit direction). */
function moveLatent(
  latent: Float32Array,
  axis: Exclude<SweepAxis, { kind: 'condition' }>,
  amount: number,
): Float32Array {
  const out = latent.slice();
  if (axis.kind === 'dimension') out[axis.index]! += amount;
  else for (let i = 0; i < out.length; i++) out[i]! += amount * axis.vector[i]!;
  return out;
}

function checkAxis(axis: SweepAxis, base: LatentPoint, prior: LatentDistribution): void {
  if (base.latent.length !== prior.size) {
    throw new RangeError(`the base face has ${base.latent.length} latent values; the model takes ${prior.size}`);
  }
  switch (axis.kind) {
    case 'dimension':
      if (!Number.isInteger(axis.index) || axis.index < 0 || axis.index >= prior.size) {
        throw new RangeError(`latent dimension must be a whole number from 0 to ${prior.size - 1}, got ${axis.index}`);
      }
      return;
    case 'condition':
      if (!Number.isInteger(axis.index) || axis.index < 0 || axis.index >= base.attributes.length) {
        throw new RangeError(`condition entry must be from 0 to ${base.attributes.length - 1}, got ${axis.index}`);
      }
      return;
    case 'direction': {
      if (axis.vector.length !== prior.size) {
        throw new RangeError(`a direction needs ${prior.size} values, got ${axis.vector.length}`);
      }
      const norm = Math.hypot(...axis.vector);
      if (Math.abs(norm - 1) > 1e-3) throw new RangeError(`a direction must be a unit vector (its norm is ${norm})`);
      return;
    }
  }
}

/** `v` scaled to unit length; null when it is (numerically) zero or not finite, where no direction exists. */
export function unitVector(v: ArrayLike<number>): Float32Array | null {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i]! * v[i]!;
  const norm = Math.sqrt(sq);
  if (!(norm > 1e-12) || !Number.isFinite(norm)) return null;
  return Float32Array.from({ length: v.length }, (_, i) => v[i]! / norm);
}

/** Each entry's reading along a sweep: `series[c][s]` is entry c's reading at step s (readings are [step][entry]). */
export function readingSeries(readings: readonly Float32Array[], entries: number): Float32Array[] {
  for (const [s, r] of readings.entries()) {
    if (r.length !== entries) throw new RangeError(`reading ${s} has ${r.length} values, expected ${entries}`);
  }
  return Array.from({ length: entries }, (_, c) => Float32Array.from(readings, (r) => r[c]!));
}
