import { describe, expect, it } from 'vitest';
import { createRng, parseSeed, randomLatent } from './random';

describe('randomLatent', () => {
  const dist = { size: 4096, mean: 0, std: 1 };
  it('is reproducible from the seed', () => {
    expect(randomLatent(7, dist)).toEqual(randomLatent(7, dist));
    expect(randomLatent(7, dist)).not.toEqual(randomLatent(8, dist));
  });
  it('follows the declared distribution', () => {
    const z = randomLatent(3, { size: 20000, mean: 0.5, std: 2 });
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    expect(z.every(Number.isFinite)).toBe(true);
  });
  it('draws uniforms in [0, 1)', () => {
    const rng = createRng(0);
    for (let i = 0; i < 10000; i++) {
      const u = rng();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('parseSeed', () => {
  it('accepts non-negative integers up to 2^32 - 1', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed('4294967295')).toBe(4294967295);
  });
  it('rejects everything else', () => {
    for (const s of ['', '-1', '1.5', 'abc', '4294967296', '1e3']) expect(parseSeed(s)).toBeNull();
  });
});
