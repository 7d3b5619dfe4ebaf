import { describe, expect, it } from 'vitest';
import { randomLatent } from './random';
import { LatentWalk } from './walk';

const dist = { size: 128, mean: 0, std: 1 };
const norm = (v: Float32Array) => Math.hypot(...v);
const distance = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((x, i) => x - b[i]!));

describe('LatentWalk', () => {
  it('starts exactly at the start latent and passes exactly through every keyframe', () => {
    const start = randomLatent(7, dist);
    const walk = new LatentWalk(42, dist, start);
    expect(walk.at(0)).toEqual(start);
    for (const k of [1, 2, 5]) expect(walk.at(k)).toEqual(walk.keyframe(k));
    expect(walk.keyframe(1)).not.toEqual(start);
  });

  it('is decided by its seed: the same seed walks the same path, another seed another', () => {
    const start = randomLatent(7, dist);
    const a = new LatentWalk(42, dist, start).path(20, 3);
    const b = new LatentWalk(42, dist, start).path(20, 3);
    const c = new LatentWalk(43, dist, start).path(20, 3);
    expect(b).toEqual(a);
    expect(c[10]).not.toEqual(a[10]);
    // Going back in time (keyframes regenerated after being dropped) gives the same latents.
    const walk = new LatentWalk(42, dist, start);
    const early = walk.at(1.5);
    walk.at(20.5);
    expect(walk.at(1.5)).toEqual(early);
  });

  it('keeps the norm between its neighbouring keyframes, where a straight mix would shrink it', () => {
    const walk = new LatentWalk(3, dist);
    for (let t = 0; t < 6; t += 0.05) {
      const k = Math.floor(t);
      const near = [walk.keyframe(k - 1), walk.keyframe(k), walk.keyframe(k + 1), walk.keyframe(k + 2)].map(norm);
      const n = norm(walk.at(t));
      expect(n).toBeGreaterThan(Math.min(...near) * 0.97);
      expect(n).toBeLessThan(Math.max(...near) * 1.03);
    }
    // The mid-point of a straight line between two keyframes sits well inside (about 1/sqrt(2) of the radius).
    const mid = walk.keyframe(1).map((x, i) => (x + walk.keyframe(2)[i]!) / 2);
    expect(norm(mid)).toBeLessThan(0.8 * Math.min(norm(walk.keyframe(1)), norm(walk.keyframe(2))));
  });

  it('moves smoothly: small even steps, and no kink where it passes a keyframe', () => {
    const walk = new LatentWalk(9, dist);
    const h = 0.01;
    const steps: number[] = [];
    let worstBend = 0;
    for (let t = h; t < 4; t += h) {
      const [p, q, r] = [walk.at(t - h), walk.at(t), walk.at(t + h)];
      steps.push(distance(p, q));
      const bend = q.map((x, i) => p[i]! - 2 * x + r[i]!);
      worstBend = Math.max(worstBend, norm(bend) / distance(q, r));
    }
    // At a kink (slerp from key to key) the bend at a keyframe is of the order of the step itself (ratio ~1).
    expect(worstBend).toBeLessThan(0.1);
    expect(Math.max(...steps)).toBeLessThan(0.5);
    expect(Math.min(...steps)).toBeGreaterThan(0);
  });

  it('walks around a non-zero mean and keeps the distance from it typical', () => {
    const shifted = { size: 64, mean: 3, std: 0.5 };
    const walk = new LatentWalk(5, shifted);
    const spread = (v: Float32Array) => Math.hypot(...v.map((x) => x - 3));
    const expected = 0.5 * Math.sqrt(64);
    for (let t = 0; t < 3; t += 0.25) expect(spread(walk.at(t)) / expected).toBeGreaterThan(0.75);
  });

  it('explains bad input', () => {
    expect(() => new LatentWalk(1, dist, new Float32Array(3))).toThrow(/3 values.*128/);
    expect(() => new LatentWalk(1, dist).at(-1)).toThrow(RangeError);
    expect(() => new LatentWalk(1, dist).at(Number.NaN)).toThrow(RangeError);
    expect(() => new LatentWalk(1, dist).path(1, 2)).toThrow(/at least 2/);
  });

  it('spans the asked number of keyframes with the asked number of frames', () => {
    const walk = new LatentWalk(11, dist);
    const path = walk.path(31, 3);
    expect(path).toHaveLength(31);
    expect(path[0]).toEqual(walk.keyframe(0));
    expect(path[10]).toEqual(walk.keyframe(1));
    expect(path[30]).toEqual(walk.keyframe(3));
  });
});
