import { describe, expect, it } from 'vitest';
import type { LatentPoint } from './attributeVector';
import { gridPoints } from './grid';
import { slerp } from './interpolate';
import { randomLatent } from './random';

const dist = { size: 128, mean: 0, std: 1 };
const face = (seed: number, attribute: number): LatentPoint => ({
  latent: randomLatent(seed, dist),
  attributes: Float32Array.of(attribute, -attribute),
});
const [tl, tr, bl, br] = [face(1, -2), face(2, 2), face(3, 0), face(4, 1)];
const norm = (v: Float32Array) => Math.hypot(...v);

describe('gridPoints', () => {
  it('gives rows x cols faces, row by row, with all four corners exact', () => {
    const grid = gridPoints([tl, tr, bl, br], 3, 5);
    expect(grid).toHaveLength(15);
    expect(grid[0]).toEqual(tl);
    expect(grid[4]).toEqual(tr);
    expect(grid[10]).toEqual(bl);
    expect(grid[14]).toEqual(br);
  });

  it('is one row between two faces, slerp in the latent and lerp in the attributes', () => {
    const row = gridPoints([tl, tr], 1, 5);
    expect(row).toHaveLength(5);
    expect(row[0]).toEqual(tl);
    expect(row[4]).toEqual(tr);
    expect(row[2]!.latent).toEqual(slerp(tl.latent, tr.latent, 0.5));
    expect(Array.from(row[1]!.attributes)).toEqual([-1, 1]);
  });

  it('keeps the norm of the faces it mixes (no washed-out middle)', () => {
    const grid = gridPoints([tl, tr, bl, br], 4, 4);
    const corners = [tl, tr, bl, br].map((p) => norm(p.latent));
    for (const p of grid) {
      expect(norm(p.latent)).toBeGreaterThan(Math.min(...corners) * 0.98);
      expect(norm(p.latent)).toBeLessThan(Math.max(...corners) * 1.02);
    }
  });

  it('edges interpolate their two corners only, and attributes are bilinear', () => {
    const grid = gridPoints([tl, tr, bl, br], 3, 3);
    expect(grid[3]!.latent).toEqual(slerp(tl.latent, bl.latent, 0.5));
    // Centre: the mean of the four corners' attributes.
    expect(grid[4]!.attributes[0]).toBeCloseTo((-2 + 2 + 0 + 1) / 4, 6);
  });

  it('explains sizes it cannot make', () => {
    expect(() => gridPoints([tl, tr], 2, 4)).toThrow(/one row/);
    expect(() => gridPoints([tl, tr, bl, br], 1, 4)).toThrow(/rows/);
    expect(() => gridPoints([tl, tr, bl, br], 3, 1)).toThrow(/columns/);
    expect(() => gridPoints([tl, tr, bl, br], 3, 33)).toThrow(/columns/);
    expect(() => gridPoints([tl, tr], 1, 2.5)).toThrow(/whole number/);
  });
});
