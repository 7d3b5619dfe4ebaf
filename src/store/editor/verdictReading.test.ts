import { describe, expect, it } from 'vitest';
import { realProbability, verdictLine, verdictSummary, verdictWords } from './verdictReading';

describe('verdictReading', () => {
  it("reads D's score as a probability of real, 0.5 at the boundary", () => {
    expect(realProbability(0)).toBe(0.5);
    expect(realProbability(3)).toBeGreaterThan(0.95);
    expect(realProbability(-3)).toBeLessThan(0.05);
  });

  it('puts it in words from generated to real', () => {
    expect(verdictWords(-4)).toMatch(/looks generated/);
    expect(verdictWords(-1)).toMatch(/leans generated/);
    expect(verdictWords(0)).toMatch(/cannot tell/);
    expect(verdictWords(1)).toMatch(/leans real/);
    expect(verdictWords(4)).toMatch(/looks real/);
  });

  it('writes a score as the page shows it, and sums several up', () => {
    expect(verdictLine(0)).toBe('50% real (the discriminator cannot tell; score 0.00)');
    expect(verdictLine(-1.5)).toMatch(/^18% real \(looks generated.*score -1\.50\)$/);
    expect(verdictSummary([1, -0.5, 2])).toEqual({ mean: 2.5 / 3, leaningReal: 2 });
    expect(verdictSummary([])).toEqual({ mean: 0, leaningReal: 0 });
  });
});
