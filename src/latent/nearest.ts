/** One candidate's rank by distance to the query: its index in the candidate list and the distance. */
export interface Neighbour {
  index: number;
  distance: number;
}

/**
 * The `k` candidates closest to `query` (Euclidean), nearest first; ties go to the earlier candidate. Candidates
 * closer than `exclude` (the query itself, found again) are skipped.
 */
export function nearest(
  query: Float32Array,
  candidates: readonly Float32Array[],
  k: number,
  exclude = 1e-6,
): Neighbour[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const found: Neighbour[] = [];
  for (const [index, c] of candidates.entries()) {
    if (c.length !== query.length) {
      throw new RangeError(`candidate ${index} has ${c.length} values, the query ${query.length}`);
    }
    let d2 = 0;
    for (let i = 0; i < c.length; i++) d2 += (c[i]! - query[i]!) ** 2;
    const distance = Math.sqrt(d2);
    if (distance < exclude) continue;
    found.push({ index, distance });
  }
  return found.sort((a, b) => a.distance - b.distance || a.index - b.index).slice(0, k);
}
