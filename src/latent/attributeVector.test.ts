import { describe, expect, it } from 'vitest';
import { testAttributes } from '../testing/statusEngine';
import {
  applyAttributeVectors,
  attributeAxis,
  AttributeVectorError,
  buildAttributeVector,
  chanceLength,
  jointPoint,
  meanDifference,
  norm,
  orthogonalise,
  type LatentPoint,
} from './attributeVector';
import { randomLatent } from './random';

const L = 16;
const A = 3;
const attrs = testAttributes(['A', 'B', 'C']);
const dist = { size: L, mean: 0, std: 1 };
const face = (seed: number, y: number[]): LatentPoint => ({
  latent: randomLatent(seed, dist),
  attributes: Float32Array.from(y),
});
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);

describe('meanDifference', () => {
  it('is mean(has) - mean(hasnt) in [z; y], element by element', () => {
    const has = [face(1, [1, 1, -1]), face(2, [1, -1, -1]), face(3, [1, 1, 1])];
    const hasnt = [face(4, [-1, 1, -1]), face(5, [-1, -1, 1])];
    const d = meanDifference(has, hasnt);
    expect(d).toHaveLength(L + A);
    for (let i = 0; i < L + A; i++) {
      const m = (ps: LatentPoint[]) => ps.reduce((s, p) => s + jointPoint(p)[i]!, 0) / ps.length;
      expect(d[i]).toBeCloseTo(m(has) - m(hasnt), 12);
    }
    // The y part is exactly the groups' label difference: A 1 - (-1); B 1/3 - 0; C -1/3 - 0.
    expect(Array.from(d.subarray(L))).toEqual([2, 1 / 3, -1 / 3]);
  });

  it('refuses fewer than 2 faces in either group, and says how many there are', () => {
    const two = [face(1, [1, 1, 1]), face(2, [1, 1, 1])];
    expect(() => meanDifference([face(3, [1, 1, 1])], two)).toThrow(AttributeVectorError);
    expect(() => meanDifference(two, [face(3, [1, 1, 1])])).toThrow(/at least 2 .* \(now 2 and 1\)/);
    expect(() => meanDifference([], [])).toThrow(/now 0 and 0/);
  });

  it('refuses identical groups (same faces, or ones averaging to the same point)', () => {
    const group = [face(1, [1, -1, 1]), face(2, [-1, 1, 1])];
    expect(() => meanDifference(group, [...group].reverse())).toThrow(/average to the same face/);
  });

  it('refuses faces of different sizes and non-finite numbers', () => {
    const short: LatentPoint = { latent: new Float32Array(L - 1), attributes: new Float32Array(A) };
    expect(() => meanDifference([face(1, [1, 1, 1]), short], [face(2, [0, 0, 0]), face(3, [0, 0, 0])])).toThrow(
      /different sizes/,
    );
    const bad = face(9, [1, 1, 1]);
    bad.latent[0] = Number.NaN;
    expect(() => meanDifference([face(1, [1, 1, 1]), bad], [face(2, [0, 0, 0]), face(3, [0, 0, 0])])).toThrow(
      /not finite/,
    );
  });
});

describe('orthogonalise', () => {
  it('leaves a vector with no component along any chosen direction, and keeps the rest', () => {
    const v = Float64Array.from(randomLatent(7, { size: L + A, mean: 0, std: 1 }));
    const dirs = [
      attributeAxis(0, L, A),
      attributeAxis(2, L, A),
      Float64Array.from(randomLatent(8, { ...dist, size: L + A })),
    ];
    const out = orthogonalise(v, dirs);
    for (const d of dirs) expect(Math.abs(dot(out, d))).toBeLessThan(1e-9);
    // What was removed lies in the span of the directions: out is v's projection onto their complement, so
    // v - out is orthogonal to out.
    expect(
      Math.abs(
        dot(
          out,
          v.map((x, i) => x - out[i]!),
        ),
      ),
    ).toBeLessThan(1e-9);
  });

  it('does not remove a direction twice when the chosen directions overlap', () => {
    const v = Float64Array.of(1, 1, 0);
    const out = orthogonalise(v, [Float64Array.of(1, 0, 0), Float64Array.of(1, 0, 0), Float64Array.of(2, 0, 0)]);
    expect(Array.from(out)).toEqual([0, 1, 0]);
    // A direction that is a mix of one already removed and a new one removes only the new part.
    expect(
      Array.from(orthogonalise(v, [Float64Array.of(1, 0, 0), Float64Array.of(1, 1, 0)])).map((x) => +x.toFixed(12)),
    ).toEqual([0, 0, 0]);
  });

  it('skips zero-length directions', () => {
    expect(Array.from(orthogonalise(Float64Array.of(3, 4), [new Float64Array(2)]))).toEqual([3, 4]);
  });
});

describe('buildAttributeVector', () => {
  // "Has it": A on and mostly male (B); "hasn't": A off and mostly not. A custom attribute picked this way carries B.
  const has = [face(11, [1, 1, 0]), face(12, [1, 1, 0.5]), face(13, [1, -1, 0])];
  const hasnt = [face(14, [-1, -1, 0]), face(15, [-1, -1, 0.5])];

  it('is half the mean difference, so +1 reaches the "has" mean\'s projection from the midpoint', () => {
    const { vector, raw } = buildAttributeVector(has, hasnt);
    const d = meanDifference(has, hasnt);
    expect(Array.from(vector)).toEqual(Array.from(raw));
    vector.forEach((x, i) => expect(x).toBeCloseTo(d[i]! / 2, 6));
    const u = vector.map((x) => x / norm(vector));
    const mid = jointPoint(has[0]!).map((_, i) => (avg(has, i) + avg(hasnt, i)) / 2);
    const hasProjection = dot(
      u,
      mid.map((m, i) => avg(has, i) - m),
    );
    expect(hasProjection).toBeCloseTo(norm(vector), 5);
  });

  it('orthogonal to each chosen attribute axis, untouched elsewhere; the y part of the others stays', () => {
    const { vector, raw, yLength } = buildAttributeVector(has, hasnt, { orthogonalTo: [1, 2] });
    expect(vector[L + 1]).toBe(0);
    expect(vector[L + 2]).toBe(0);
    expect(raw[L + 1]).not.toBe(0);
    expect(vector[L]).toBeCloseTo(1, 6); // A: (1 - (-1)) / 2
    expect(yLength).toBeCloseTo(1, 6);
    for (let i = 0; i < L; i++) expect(vector[i]).toBe(raw[i]);
    for (const j of [1, 2]) expect(dot(vector, attributeAxis(j, L, A))).toBe(0);
  });

  it('says so when nothing is left after orthogonalisation', () => {
    const same = (seed: number, y: number[]) => ({
      latent: randomLatent(seed, dist),
      attributes: Float32Array.from(y),
    });
    // Same latents on both sides; the groups differ only in attribute A.
    const p = [same(1, [1, 0, 0]), same(2, [1, 0, 0])];
    const q = [same(1, [-1, 0, 0]), same(2, [-1, 0, 0])];
    expect(() => buildAttributeVector(p, q, { orthogonalTo: [0] })).toThrow(/Nothing is left/);
    expect(buildAttributeVector(p, q).vector[L]).toBe(1);
  });
});

describe('chanceLength', () => {
  it("is the z part's typical length when the groups differ by chance alone", () => {
    expect(chanceLength({ size: 128, std: 1 }, 2, 2)).toBeCloseTo(Math.sqrt(128) / 2, 12);
    // Averaged over many random draws of 3 + 5 faces, |z part| sits at that level.
    const n = 400;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const pick = (count: number, from: number) =>
        Array.from({ length: count }, (_, i) => face(1000 * k + from + i, [1, 1, 1]));
      const has = pick(3, 0);
      const hasnt = pick(5, 10).map((f) => ({ ...f, attributes: Float32Array.of(-1, -1, -1) }));
      sum += norm(meanDifference(has, hasnt).subarray(0, L)) / 2;
    }
    expect(Math.abs(sum / n / chanceLength(dist, 3, 5) - 1)).toBeLessThan(0.05);
  });
});

describe('applyAttributeVectors', () => {
  const base = face(21, [-1, 1.5, 0]);
  const v = Float32Array.from({ length: L + A }, (_, i) => (i < L ? 0.1 * i : 1));

  it('returns the input itself when every amount is 0', () => {
    expect(applyAttributeVectors(base, [v], [0], attrs)).toBe(base);
    expect(applyAttributeVectors(base, [], [], attrs)).toBe(base);
  });

  it('adds amount x vector to z and y, keeping y inside each range', () => {
    const out = applyAttributeVectors(base, [v, v], [1, -0.5], attrs);
    for (let i = 0; i < L; i++) expect(out.latent[i]).toBeCloseTo(base.latent[i]! + 0.5 * 0.1 * i, 6);
    expect(Array.from(out.attributes)).toEqual([-0.5, 2, 0.5]);
  });

  it('refuses a vector of another model', () => {
    expect(() => applyAttributeVectors(base, [new Float32Array(L)], [1], attrs)).toThrow(/does not fit/);
  });
});

function avg(points: LatentPoint[], i: number): number {
  return points.reduce((s, p) => s + jointPoint(p)[i]!, 0) / points.length;
}
