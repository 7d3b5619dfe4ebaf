import { describe, expect, it } from 'vitest';
import { realProbability, verdictWords } from './verdictReading';

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
});
