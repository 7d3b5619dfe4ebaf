import { describe, expect, it } from 'vitest';
import { gridPoints } from '../latent/grid';
import { randomLatent } from '../latent/random';
import { LatentWalk } from '../latent/walk';
import { animationFrames, EXPORT_FPS, MAX_FRAMES } from './animation';

const latent = { size: 16, mean: 0, std: 1 };
const face = (seed: number, y: number) => ({ latent: randomLatent(seed, latent), attributes: Float32Array.of(y, 0) });
const [a, b, c, d] = [face(1, -1), face(2, 1), face(3, 0), face(4, 2)];

describe('animationFrames', () => {
  it('interpolation: the asked frame count, from A exactly to B exactly', () => {
    const frames = animationFrames({ kind: 'interpolation', a, b }, 9);
    expect(frames).toHaveLength(9);
    expect(frames[0]).toEqual(a);
    expect(frames[8]).toEqual(b);
    expect(frames[4]!.attributes[0]).toBeCloseTo(0, 6);
  });

  it('walk: starts at the face, follows the seeded walk at the live pace, attributes kept', () => {
    const frames = animationFrames({ kind: 'walk', start: a, seed: 8, latent }, EXPORT_FPS * 2 + 1);
    const walk = new LatentWalk(8, latent, a.latent);
    expect(frames[0]!.latent).toEqual(a.latent);
    expect(frames.at(-1)!.latent).toEqual(walk.at(1));
    for (const f of frames) expect(f.attributes).toEqual(a.attributes);
  });

  it('sweep: one attribute from its start to its end value', () => {
    const frames = animationFrames({ kind: 'sweep', face: a, attribute: 1, from: -2, to: 2 }, 5);
    expect(frames.map((f) => f.attributes[1])).toEqual([-2, -1, 0, 1, 2]);
  });

  it("grid: one frame per face in reading order, the grid's size deciding the count", () => {
    const frames = animationFrames({ kind: 'grid', corners: [a, b, c, d], rows: 2, cols: 3 }, 60);
    expect(frames).toEqual(gridPoints([a, b, c, d], 2, 3));
  });

  it('explains a frame count it cannot make', () => {
    expect(() => animationFrames({ kind: 'interpolation', a, b }, 1)).toThrow(/2 to 300 frames/);
    expect(() => animationFrames({ kind: 'interpolation', a, b }, MAX_FRAMES + 1)).toThrow(RangeError);
    expect(() => animationFrames({ kind: 'interpolation', a, b }, 2.5)).toThrow(RangeError);
  });
});
