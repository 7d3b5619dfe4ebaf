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

/** D's score as the page shows it: "73% real (leans real; score 0.98)". */
export function verdictLine(verdict: number): string {
  return `${Math.round(realProbability(verdict) * 100)}% real (${verdictWords(verdict)}; score ${verdict.toFixed(2)})`;
}

/** Several scores in one line: their mean, read the same way, and how many lean real (score above 0). */
export function verdictSummary(verdicts: readonly number[]): { mean: number; leaningReal: number } {
  const mean = verdicts.reduce((s, v) => s + v, 0) / Math.max(1, verdicts.length);
  return { mean, leaningReal: verdicts.filter((v) => v > 0).length };
}
