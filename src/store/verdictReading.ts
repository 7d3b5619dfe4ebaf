// The discriminator's score in words for the page (pure: no tfjs, safe to import from app/).

/** The probability of "real" that a logistic reading of D's score gives, in [0, 1]. */
export function realProbability(verdict: number): number {
  return 1 / (1 + Math.exp(-verdict));
}

/** What D's score says, in plain words. */
export function verdictWords(verdict: number): string {
  const p = realProbability(verdict);
  if (p >= 0.8) return 'looks real to the discriminator';
  if (p >= 0.55) return 'leans real';
  if (p > 0.45) return 'the discriminator cannot tell';
  if (p > 0.2) return 'leans generated';
  return 'looks generated to the discriminator';
}
