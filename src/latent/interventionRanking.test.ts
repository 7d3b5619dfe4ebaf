import { describe, expect, it } from 'vitest';
import type { LatentPoint } from './attributeVector';
import {
  effectRows,
  pixelChange,
  rankingInputs,
  rankRows,
  strongestDirection,
  type EffectRow,
} from './interventionRanking';
import { randomLatent } from './random';

const prior = { size: 8, mean: 0, std: 2 };
const bases: LatentPoint[] = [1, 2, 3].map((seed) => ({
  latent: randomLatent(seed, prior),
  attributes: Float32Array.of(-1, 1),
}));

// A stand-in for E_y with a known answer: entry 0 rises 0.5 per latent unit of z3 and falls 0.25 per unit of z6;
// entry 1 follows z2 · z0, so dimension 2's effect depends on the face (its spread across faces is not 0).
function read(input: LatentPoint): Float32Array {
  const z = input.latent;
  return Float32Array.of(0.5 * z[3]! - 0.25 * z[6]! + input.attributes[0]!, z[2]! * z[0]!);
}

describe('rankingInputs', () => {
  it('gives each (dimension, face) pair its -a σ and +a σ faces, in that order', () => {
    const inputs = rankingInputs([4, 1], bases, 1.5, prior);
    expect(inputs).toHaveLength(2 * 3 * 2);
    const [minus, plus] = [inputs[2 * (1 * 3 + 2)]!, inputs[2 * (1 * 3 + 2) + 1]!]; // dimension 1, face 2
    expect(minus.latent[1]).toBeCloseTo(bases[2]!.latent[1]! - 3, 5);
    expect(plus.latent[1]).toBeCloseTo(bases[2]!.latent[1]! + 3, 5);
    expect(plus.latent[4]).toBe(bases[2]!.latent[4]);
  });
  it('refuses a non-positive amplitude or no base faces', () => {
    expect(() => rankingInputs([0], bases, 0, prior)).toThrow(/amplitude/);
    expect(() => rankingInputs([0], [], 1, prior)).toThrow(/at least one base face/);
  });
});

describe('effectRows', () => {
  const dims = [0, 2, 3, 6];
  const readings = rankingInputs(dims, bases, 1, prior).map(read);
  const rows = effectRows(dims, bases.length, 1, readings);

  it('recovers a linear effect per σ, with no spread', () => {
    const row3 = rows.find((r) => r.dim === 3)!;
    expect(row3.mean[0]).toBeCloseTo(0.5 * prior.std, 5);
    expect(row3.spread[0]).toBeCloseTo(0, 5);
    expect(rows.find((r) => r.dim === 6)!.mean[0]).toBeCloseTo(-0.25 * prior.std, 5);
    expect(rows.find((r) => r.dim === 0)!.mean[0]).toBeCloseTo(0, 5);
  });
  it('averages a face-dependent effect and reports its spread across faces', () => {
    const perFace = bases.map((b) => b.latent[0]! * prior.std);
    const mean = perFace.reduce((s, v) => s + v, 0) / perFace.length;
    const sd = Math.sqrt(perFace.reduce((s, v) => s + (v - mean) ** 2, 0) / (perFace.length - 1));
    const row2 = rows.find((r) => r.dim === 2)!;
    expect(row2.mean[1]).toBeCloseTo(mean, 4);
    expect(row2.spread[1]).toBeCloseTo(sd, 4);
    expect(row2.picture).toBeNull();
  });
  it('gives the picture change per σ when frames were compared', () => {
    const changes = [0.1, 0.2, 0.3, 0, 0, 0, 0.4, 0.4, 0.4, 0, 0, 0];
    const [first, , third] = effectRows(dims, bases.length, 2, readings, changes);
    expect(first!.picture).toBeCloseTo(0.2 / 4, 6);
    expect(third!.picture).toBeCloseTo(0.4 / 4, 6);
  });
  it('has no spread with a single face', () => {
    const one = effectRows([3], 1, 1, rankingInputs([3], bases.slice(0, 1), 1, prior).map(read));
    expect(Array.from(one[0]!.spread)).toEqual([0, 0]);
  });
  it('refuses readings or picture changes that do not match the plan', () => {
    expect(() => effectRows(dims, 3, 1, readings.slice(1))).toThrow(/expected 24 readings/);
    expect(() => effectRows(dims, 3, 1, readings, [0.1])).toThrow(/expected 12 picture changes/);
  });
});

describe('rankRows', () => {
  const row = (dim: number, mean: number[], picture: number | null = null): EffectRow => ({
    dim,
    mean: Float32Array.from(mean),
    spread: new Float32Array(mean.length),
    picture,
  });
  const rows = [row(0, [0.1, 2], 0.01), row(1, [-0.9, 0], null), row(2, [0.5, 0], 0.05), row(3, [0.5, 1], 0.03)];

  it('puts the largest effect of either sign first, ties by dimension', () => {
    expect(rankRows(rows, { kind: 'entry', index: 0 }).map((r) => r.dim)).toEqual([1, 2, 3, 0]);
    expect(rankRows(rows, { kind: 'entry', index: 1 }).map((r) => r.dim)).toEqual([0, 3, 1, 2]);
  });
  it('ranks by picture change with unmeasured rows last', () => {
    expect(rankRows(rows, { kind: 'picture' }).map((r) => r.dim)).toEqual([2, 3, 0, 1]);
  });
  it('leaves its input in order', () => {
    rankRows(rows, { kind: 'entry', index: 0 });
    expect(rows.map((r) => r.dim)).toEqual([0, 1, 2, 3]);
  });
  it('refuses an entry the rows do not have', () => {
    expect(() => rankRows(rows, { kind: 'entry', index: 5 })).toThrow(/no condition entry 5/);
  });
});

describe('pixelChange', () => {
  it('is 0 for equal frames and 1 for black against white, alpha ignored', () => {
    const black = Uint8ClampedArray.of(0, 0, 0, 255, 0, 0, 0, 255);
    const white = Uint8ClampedArray.of(255, 255, 255, 0, 255, 255, 255, 0);
    expect(pixelChange(black, black)).toBe(0);
    expect(pixelChange(black, white)).toBe(1);
    expect(pixelChange(black, Uint8ClampedArray.of(51, 0, 0, 255, 0, 0, 0, 255))).toBeCloseTo(51 / 255 / 6, 9);
  });
  it('refuses frames of different or non-RGBA sizes', () => {
    expect(() => pixelChange(new Uint8ClampedArray(8), new Uint8ClampedArray(4))).toThrow(RangeError);
    expect(() => pixelChange(new Uint8ClampedArray(6), new Uint8ClampedArray(6))).toThrow(RangeError);
  });
});

describe('strongestDirection', () => {
  it('points along the dimensions that raise the entry, in proportion', () => {
    const dims = [0, 3, 6];
    const rows = effectRows(dims, 3, 1, rankingInputs(dims, bases, 1, prior).map(read));
    const d = strongestDirection(rows, 0, prior.size)!;
    expect(d[3]).toBeCloseTo(2 / Math.sqrt(5), 4);
    expect(d[6]).toBeCloseTo(-1 / Math.sqrt(5), 4);
    expect(d[1]).toBe(0);
  });
  it('is null when nothing moves the entry, and refuses rows outside the latent', () => {
    const still = [{ dim: 1, mean: Float32Array.of(0), spread: Float32Array.of(0), picture: null }];
    expect(strongestDirection(still, 0, 4)).toBeNull();
    expect(() => strongestDirection([{ ...still[0]!, dim: 9 }], 0, 4)).toThrow(/outside/);
  });
});
