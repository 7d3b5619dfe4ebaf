// Class weights for a one-hot conditioned model: one class, or a mix of two that sums to 1.

/** Weights for `count` classes: (1 - t) on class `a`, t on class `b` (t clamped to [0, 1]); t = 0 is class a alone. */
export function classWeights(count: number, a: number, b = a, t = 0): Float32Array {
  const weights = new Float32Array(count);
  const mix = Math.min(1, Math.max(0, t));
  weights[a] = 1 - mix;
  weights[b] = (weights[b] ?? 0) + mix;
  return weights;
}

/** The class holding the most weight (the first on ties); -1 for no classes. */
export function strongestClass(weights: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < weights.length; i++) if (best < 0 || weights[i]! > weights[best]!) best = i;
  return best;
}
