import { describe, expect, it } from 'vitest';
import { evenly, readingSeries, sweepInputs, sweepValues, unitVector, type SweepAxis } from './intervention';
import { randomLatent } from './random';

const prior = { size: 16, mean: 0, std: 2 };
const conditions = [
  { name: 'Smiling', label: 'Smile', min: -2, max: 2 },
  { name: 'Male', label: 'Male', min: -2, max: 2 },
];
const base = { latent: randomLatent(7, prior), attributes: Float32Array.of(-1, 1) };

describe('evenly', () => {
  it('spans both ends in equal steps', () => {
    expect(evenly(-3, 3, 7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(evenly(0, 1, 2)).toEqual([0, 1]);
  });
  it('refuses fewer than 2 steps and non-finite ends', () => {
    expect(() => evenly(-1, 1, 1)).toThrow(/at least 2 steps/);
    expect(() => evenly(-1, 1, 2.5)).toThrow(RangeError);
    expect(() => evenly(-1, Infinity, 3)).toThrow(/finite/);
  });
});

describe('sweepValues', () => {
  it('goes from -k to +k σ on a latent axis, through 0 for an odd count', () => {
    expect(sweepValues({ kind: 'dimension', index: 3 }, 2, 5, conditions)).toEqual([-2, -1, 0, 1, 2]);
  });
  it("covers a condition entry's declared range", () => {
    expect(sweepValues({ kind: 'condition', index: 1 }, 99, 3, conditions)).toEqual([-2, 0, 2]);
  });
  it('refuses a bad reach or an unknown entry', () => {
    expect(() => sweepValues({ kind: 'dimension', index: 0 }, 0, 5, conditions)).toThrow(/positive/);
    expect(() => sweepValues({ kind: 'condition', index: 2 }, 1, 5, conditions)).toThrow(/no condition entry 2/);
  });
});

describe('sweepInputs', () => {
  it('moves only the chosen dimension, by value × σ, around the base face', () => {
    const inputs = sweepInputs(base, { kind: 'dimension', index: 5 }, [-1, 0, 1.5], prior);
    expect(inputs).toHaveLength(3);
    inputs.forEach((input, s) => {
      for (let i = 0; i < prior.size; i++) {
        const expected = i === 5 ? base.latent[i]! + [-1, 0, 1.5][s]! * prior.std : base.latent[i]!;
        expect(input.latent[i]).toBeCloseTo(expected, 5);
      }
      expect(Array.from(input.attributes)).toEqual([-1, 1]);
    });
    expect(inputs[1]!.latent).toEqual(base.latent);
  });
  it('moves along a unit direction by value × σ', () => {
    const vector = unitVector(Array.from({ length: prior.size }, (_, i) => (i < 4 ? 1 : 0)))!;
    const [moved] = sweepInputs(base, { kind: 'direction', vector, label: 'first four' }, [1], prior);
    let along = 0;
    for (let i = 0; i < prior.size; i++) along += (moved!.latent[i]! - base.latent[i]!) * vector[i]!;
    expect(along).toBeCloseTo(prior.std, 5);
    expect(moved!.latent[10]).toBe(base.latent[10]);
  });
  it('sets a condition entry to each value and keeps the latent', () => {
    const inputs = sweepInputs(base, { kind: 'condition', index: 0 }, [-2, 2], prior);
    expect(inputs.map((i) => Array.from(i.attributes))).toEqual([
      [-2, 1],
      [2, 1],
    ]);
    expect(inputs[0]!.latent).toEqual(base.latent);
  });
  it('never writes into the base face', () => {
    const before = base.latent.slice();
    const [input] = sweepInputs(base, { kind: 'dimension', index: 0 }, [0], prior);
    input!.latent[0] = 99;
    input!.attributes[0] = 99;
    expect(base.latent).toEqual(before);
    expect(base.attributes[0]).toBe(-1);
  });
  it('refuses axes the model does not have, with a clear message', () => {
    const bad: [SweepAxis, RegExp][] = [
      [{ kind: 'dimension', index: 16 }, /0 to 15, got 16/],
      [{ kind: 'dimension', index: 1.5 }, /whole number/],
      [{ kind: 'condition', index: -1 }, /condition entry/],
      [{ kind: 'direction', vector: new Float32Array(3), label: 'short' }, /needs 16 values/],
      [{ kind: 'direction', vector: new Float32Array(16).fill(1), label: 'long' }, /unit vector/],
    ];
    for (const [axis, message] of bad) expect(() => sweepInputs(base, axis, [0], prior)).toThrow(message);
    expect(() =>
      sweepInputs({ ...base, latent: new Float32Array(4) }, { kind: 'dimension', index: 0 }, [0], prior),
    ).toThrow(/takes 16/);
  });
});

describe('unitVector', () => {
  it('scales to length 1 and keeps the direction', () => {
    expect(Array.from(unitVector([3, 4])!)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });
  it('has no direction for a zero or non-finite vector', () => {
    expect(unitVector([0, 0])).toBeNull();
    expect(unitVector([NaN, 1])).toBeNull();
  });
});

describe('readingSeries', () => {
  it('turns [step][entry] readings into one series per entry', () => {
    const series = readingSeries([Float32Array.of(1, 10), Float32Array.of(2, 20), Float32Array.of(3, 30)], 2);
    expect(series.map((s) => Array.from(s))).toEqual([
      [1, 2, 3],
      [10, 20, 30],
    ]);
  });
  it('refuses readings of the wrong length', () => {
    expect(() => readingSeries([Float32Array.of(1)], 2)).toThrow(/reading 0 has 1 values, expected 2/);
  });
});
