import { describe, expect, it } from 'vitest';
import { evenly } from './intervention';
import { pearson, sweepChanges, sweepCorrelations } from './sweepCorrelation';

describe('pearson', () => {
  it('is 1 and -1 on lines, 0 on a symmetric curve, null when a series is constant', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 1, -1])).toBeCloseTo(-1, 12);
    expect(pearson([-1, 0, 1], [1, 0, 1])).toBe(0);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
  });

  it('matches a value computed by hand', () => {
    // x = 1..4, y = 1, 3, 2, 5: sxy = 5.5, sxx = 5, syy = 8.75
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 5])).toBeCloseTo(5.5 / Math.sqrt(5 * 8.75), 12);
  });
});

describe('sweepCorrelations', () => {
  const steps = evenly(-2, 2, 5);
  const reading = (...v: number[]) => Float32Array.from(v);

  it('measures within faces: faces far apart that each follow the slider give r = 1', () => {
    // Attribute 0 follows the slider on both faces (which sit at very different levels); attribute 1 never moves;
    // attribute 2 goes down on both.
    const face = (level: number) => steps.map((s) => reading(level + 0.3 * s, level, level - s));
    const r = sweepCorrelations(steps, [face(-5), face(5)], 3);
    expect(r[0]).toBeCloseTo(1, 6);
    expect(r[1]).toBeNull();
    expect(r[2]).toBeCloseTo(-1, 6);
    // Pooling without removing each face's mean would have mixed the levels in: check it is really within faces.
    const pooled = pearson(
      [...steps, ...steps],
      [...face(-5), ...face(5)].map((x) => x[0]!),
    );
    expect(pooled!).toBeLessThan(0.2);
  });

  it('gives a weak r when the reading is noise around a flat line', () => {
    const noise = [0.3, -0.2, 0.25, -0.3, 0.1];
    const r = sweepCorrelations(steps, [steps.map((_, i) => reading(noise[i]!))], 1)[0]!;
    expect(Math.abs(r)).toBeLessThan(0.5);
  });

  it("measures the change across the sweep in the reading's units, where r cannot tell a hair from a lot", () => {
    const face = (level: number, k: number) => steps.map((s) => reading(level + k * s, level + 0.01 * k * s));
    const span = steps.at(-1)! - steps[0]!;
    const changes = sweepChanges(steps, [face(-5, 0.3), face(5, 0.3)], 2);
    expect(changes[0]).toBeCloseTo(0.3 * span, 6);
    expect(changes[1]).toBeCloseTo(0.003 * span, 6);
    expect(sweepCorrelations(steps, [face(-5, 0.3)], 2)[1]).toBeCloseTo(1, 6); // r: both "perfect"
    expect(() => sweepChanges(steps, [], 1)).toThrow(/no faces/);
  });

  it('refuses mismatched shapes', () => {
    expect(() => sweepCorrelations(steps, [], 1)).toThrow(/no faces/);
    expect(() => sweepCorrelations(steps, [[reading(1)]], 1)).toThrow(/one reading per step/);
    expect(() => sweepCorrelations(steps, [steps.map(() => reading(1, 2))], 1)).toThrow(/wrong length/);
    expect(() => sweepChanges(steps, [[reading(1)]], 1)).toThrow(/one reading per step/);
    expect(() => sweepChanges(steps, [steps.map(() => reading(1, 2))], 1)).toThrow(/wrong length/);
    expect(() => sweepChanges([0], [[reading(1)]], 1)).toThrow(/two readings/);
  });
});
