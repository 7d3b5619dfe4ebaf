import { createRng } from './random';

/** One combination of attribute labels (manifest order) and how many training faces carry it. */
export interface AttributePriorRow {
  values: number[];
  count: number;
}

/** Mixes the seed so the attribute draw is independent of the latent drawn from the same seed. */
const ATTRIBUTE_STREAM = 0x9e3779b9;

/**
 * A row of the training labels' joint distribution, drawn in proportion to its count from `seed` alone: the same
 * seed always gives the same attributes. Returns a fresh array; null when the prior is empty.
 */
export function sampleAttributePrior(seed: number, rows: readonly AttributePriorRow[]): Float32Array | null {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  if (total <= 0) return null;
  let u = createRng((seed ^ ATTRIBUTE_STREAM) >>> 0)() * total;
  for (const row of rows) {
    u -= row.count;
    if (u < 0) return Float32Array.from(row.values);
  }
  return Float32Array.from(rows.at(-1)!.values);
}
