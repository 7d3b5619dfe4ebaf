import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from './oneEuro';

const opts = { minCutoff: 1, beta: 0.05, derivativeCutoff: 1 };

describe('OneEuroFilter', () => {
  it('passes the first value through and holds a constant exactly', () => {
    const f = new OneEuroFilter(opts);
    expect([...f.filter([3, -2], 0)]).toEqual([3, -2]);
    for (let i = 1; i < 10; i++) expect([...f.filter([3, -2], i / 15)]).toEqual([3, -2]);
  });

  it('shrinks jitter around a resting value', () => {
    const f = new OneEuroFilter(opts);
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    let rawChange = 0;
    let outChange = 0;
    let prevRaw = 0;
    let prevOut = f.filter([0], 0)[0]!;
    for (let i = 1; i < 200; i++) {
      const raw = noise();
      const out = f.filter([raw], i / 15)[0]!;
      rawChange += Math.abs(raw - prevRaw);
      outChange += Math.abs(out - prevOut);
      prevRaw = raw;
      prevOut = out;
    }
    expect(outChange).toBeLessThan(rawChange / 2);
  });

  it('follows a fast move with less lag than at rest', () => {
    const slow = new OneEuroFilter({ ...opts, beta: 0 });
    const fast = new OneEuroFilter(opts);
    slow.filter([0], 0);
    fast.filter([0], 0);
    let s = 0;
    let q = 0;
    for (let i = 1; i <= 15; i++) {
      s = slow.filter([i * 10], i / 15)[0]!;
      q = fast.filter([i * 10], i / 15)[0]!;
    }
    expect(150 - q).toBeLessThan((150 - s) / 2);
  });

  it('starts over after reset()', () => {
    const f = new OneEuroFilter(opts);
    f.filter([0], 0);
    f.filter([0], 1 / 15);
    f.reset();
    expect([...f.filter([5], 2 / 15)]).toEqual([5]);
  });
});
