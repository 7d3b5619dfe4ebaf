import { describe, expect, it } from 'vitest';
import { classWeights, strongestClass } from './classMix';

describe('classWeights', () => {
  it('puts all weight on one class, or splits (1 - t, t) between two', () => {
    expect(Array.from(classWeights(4, 2))).toEqual([0, 0, 1, 0]);
    expect(Array.from(classWeights(4, 0, 3, 0.25))).toEqual([0.75, 0, 0, 0.25]);
    expect(Array.from(classWeights(3, 1, 1, 0.6))).toEqual([0, 1, 0]);
    expect(Array.from(classWeights(2, 0, 1, 7))).toEqual([0, 1]);
  });

  it('names the strongest class', () => {
    expect(strongestClass([0.2, 0.7, 0.1])).toBe(1);
    expect(strongestClass([])).toBe(-1);
  });
});
