import { describe, expect, it } from 'vitest';
import { LiveStats, percentile, regionChange } from './liveStats';

describe('live figures', () => {
  it('takes percentiles of what it is given', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 95)).toBe(0);
  });

  it('measures change inside the box only', () => {
    const w = 4;
    const a = new Uint8ClampedArray(w * 4 * 4);
    const b = a.slice();
    b[(1 * w + 1) * 4] = 30; // inside the box: one channel of one pixel
    b[(3 * w + 3) * 4] = 200; // outside
    expect(regionChange(a, b, w, { x: 0, y: 0, width: 2, height: 2 }).mean).toBeCloseTo(30 / 12, 9);
    expect(regionChange(a, b, w, { x: 0, y: 0, width: 2, height: 2 }).max).toBe(30);
    expect(regionChange(a, a, w, { x: 0, y: 0, width: 4, height: 4 })).toEqual({ mean: 0, max: 0 });
  });

  it('counts frames per second and latency from the frames shown', () => {
    const s = new LiveStats();
    for (let i = 0; i < 16; i++) s.shown(i * 50, i * 50 + 40 + (i === 15 ? 60 : 0), { encode: 2 });
    const f = s.figures();
    expect(f.frames).toBe(16);
    expect(f.latencyP50).toBe(40);
    expect(f.latencyP95).toBe(100);
    expect(f.stages.encode).toBe(2);
    expect(f.fps).toBeCloseTo(15 / (810 / 1000), 6);
  });
});
