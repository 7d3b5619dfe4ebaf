// How strongly moving along a direction changes each attribute, as the model's own encoder E_y reads it: several
// faces are each moved to the same slider values, E_y reads every result, and the Pearson correlation between the
// slider value and each reading is taken within each face (each face's own mean removed, pooled over faces), so that
// faces differing from one another does not count as an effect of the slider.

/** Pearson's r of two equally long series; null when either does not vary (no correlation can be measured). */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length || x.length < 2) throw new RangeError('pearson needs two series of equal length >= 2');
  const mx = average(x);
  const my = average(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // A reading that moves by less than float32 rounding has not moved.
  if (sxx === 0 || syy < 1e-12 * x.length) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Per attribute, r between slider value and E_y reading within faces. `readings[f][s]` is face f's reading at
 * `steps[s]` (one value per attribute).
 */
export function sweepCorrelations(
  steps: readonly number[],
  readings: readonly (readonly Float32Array[])[],
  attributeCount: number,
): (number | null)[] {
  checkSweep(steps, readings, attributeCount);
  return Array.from({ length: attributeCount }, (_, j) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const face of readings) {
      const values = face.map((r) => r[j]!);
      const m = average(values);
      const mx = average(steps);
      steps.forEach((s, i) => {
        xs.push(s - mx);
        ys.push(values[i]! - m);
      });
    }
    return pearson(xs, ys);
  });
}

/**
 * Per attribute, how far its reading moves across the whole sweep: the least-squares slope of reading on slider value
 * within faces (pooled as for r) times the sweep's span. Unlike r, it is in the reading's own units, so a reading
 * that follows the slider closely but only by a hair shows as small.
 */
export function sweepChanges(
  steps: readonly number[],
  readings: readonly (readonly Float32Array[])[],
  attributeCount: number,
): number[] {
  checkSweep(steps, readings, attributeCount);
  const mx = average(steps);
  const sxx = readings.length * steps.reduce((sum, s) => sum + (s - mx) ** 2, 0);
  const span = Math.max(...steps) - Math.min(...steps);
  if (sxx === 0) return Array.from({ length: attributeCount }, () => 0);
  return Array.from({ length: attributeCount }, (_, j) => {
    let sxy = 0;
    for (const face of readings) {
      const m = average(face.map((r) => r[j]!));
      steps.forEach((s, i) => (sxy += (s - mx) * (face[i]![j]! - m)));
    }
    return (sxy / sxx) * span;
  });
}

/** Throws a RangeError unless `readings` holds one reading of `attributeCount` values per step for each of 1+ faces. */
function checkSweep(steps: readonly number[], readings: readonly (readonly Float32Array[])[], attributeCount: number) {
  if (readings.length === 0) throw new RangeError('no faces were swept');
  for (const face of readings) {
    if (face.length !== steps.length) throw new RangeError('each face needs one reading per step');
    if (face.some((r) => r.length !== attributeCount)) throw new RangeError('a reading has the wrong length');
  }
  // pearson's own check, which sweepChanges (no r) also made by calling sweepCorrelations.
  if (readings.length * steps.length < 2) throw new RangeError('a sweep needs two readings or more');
}

function average(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
