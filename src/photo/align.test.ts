import { describe, expect, it } from 'vitest';
import { alignmentError, alignmentTransform, apply, fitSimilarity, type Landmarks, type Point } from './align';
import { MODEL_LANDMARKS } from './testing/landmarks';

// The model's landmarks with the eyes levelled, so a tilted face must come out with level eyes.
const target: Landmarks = { ...MODEL_LANDMARKS, leftEye: [0.37, 0.47], rightEye: [0.62, 0.47] };

describe('similarity alignment', () => {
  it('recovers a known rotation, scale and shift exactly', () => {
    const from: Point[] = [
      [10, 20],
      [50, 25],
      [30, 60],
      [5, 5],
    ];
    const th = 0.3;
    const s = 1.7;
    const truth = { a: s * Math.cos(th), b: s * Math.sin(th), tx: 4, ty: -9 };
    const fit = fitSimilarity(
      from,
      from.map((p) => apply(truth, p)),
    );
    expect(fit.a).toBeCloseTo(truth.a, 10);
    expect(fit.b).toBeCloseTo(truth.b, 10);
    expect(fit.tx).toBeCloseTo(truth.tx, 10);
    expect(fit.ty).toBeCloseTo(truth.ty, 10);
  });

  it('levels tilted eyes and puts them where the training crops have them', () => {
    // The target face scaled x300, rotated 20 degrees and moved: as if found in a photo.
    const rot = (20 * Math.PI) / 180;
    const photo = { a: 300 * Math.cos(rot), b: 300 * Math.sin(rot), tx: 400, ty: 120 };
    const found = Object.fromEntries(
      Object.entries(target).map(([k, p]) => [k, apply(photo, p as Point)]),
    ) as unknown as Landmarks;
    const t = alignmentTransform(found, target, 64);
    const l = apply(t, found.leftEye);
    const r = apply(t, found.rightEye);
    expect(l[1]).toBeCloseTo(r[1], 8);
    expect(l[0]).toBeCloseTo(0.37 * 64, 8);
    expect(alignmentError(found, target, 64)).toBeLessThan(1e-9);
  });

  it('refuses degenerate input', () => {
    expect(() => fitSimilarity([[1, 1]], [[2, 2]])).toThrow();
    expect(() =>
      fitSimilarity(
        [
          [1, 1],
          [1, 1],
        ],
        [
          [0, 0],
          [1, 1],
        ],
      ),
    ).toThrow();
  });
});
