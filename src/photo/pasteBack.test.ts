import { describe, expect, it } from 'vitest';
import { alignmentTransform, apply, type Landmarks, type Point } from './align';
import { MODEL_LANDMARKS } from './testing/landmarks';
import {
  cropOf,
  editMargin,
  extendSimilarity,
  faceMask,
  faceRegion,
  invertSimilarity,
  patchToCrop,
  scaleSimilarity,
} from './pasteBack';

// The model's own training landmarks (celeba64's manifest), and a face found at 20 degrees in a 1200 x 900 photo.
const target = MODEL_LANDMARKS;
const SIZE = 64;
const rot = (20 * Math.PI) / 180;
const placed = { a: 300 * Math.cos(rot), b: 300 * Math.sin(rot), tx: 500, ty: 200 };
const found = Object.fromEntries(
  Object.entries(target).map(([k, p]) => [k, apply(placed, p as Point)]),
) as unknown as Landmarks;
const t = alignmentTransform(found, target, SIZE);

const dist = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);

describe('inverse alignment', () => {
  it('a round trip photo -> crop -> photo lands within 0.5 px, over the whole photo', () => {
    const back = invertSimilarity(t);
    for (let x = 0; x <= 1200; x += 150) {
      for (let y = 0; y <= 900; y += 150) expect(dist(apply(back, apply(t, [x, y])), [x, y])).toBeLessThan(0.5);
    }
    for (const p of Object.values(found)) expect(dist(apply(back, apply(t, p)), p)).toBeLessThan(1e-9);
  });

  it('the face region holds the whole crop, mapped back, and stays inside the photo', () => {
    const box = faceRegion(t, SIZE, 1200, 900)!;
    const back = invertSimilarity(t);
    for (const c of [
      [0, 0],
      [SIZE, 0],
      [0, SIZE],
      [SIZE, SIZE],
    ] as Point[]) {
      const [x, y] = apply(back, c);
      expect(x).toBeGreaterThanOrEqual(box.x);
      expect(y).toBeGreaterThanOrEqual(box.y);
      expect(x).toBeLessThanOrEqual(box.x + box.width);
      expect(y).toBeLessThanOrEqual(box.y + box.height);
    }
    expect(Number.isInteger(box.x) && Number.isInteger(box.width)).toBe(true);
    // A face near the corner is clipped to the photo.
    const corner = faceRegion({ ...t, tx: t.tx + 20, ty: t.ty + 20 }, SIZE, 1200, 900)!;
    expect(corner.x).toBeGreaterThanOrEqual(0);
    expect(corner.y).toBeGreaterThanOrEqual(0);
    expect(faceRegion(t, SIZE, 10, 10)).toBeNull();
  });

  it('a patch pixel reads the crop point its photo point aligns to, at any patch scale and photo scale', () => {
    const box = faceRegion(t, SIZE, 1200, 900)!;
    for (const [pw, ph] of [
      [box.width, box.height],
      [200, 150],
    ] as const) {
      const p = patchToCrop(t, box, pw, ph);
      for (const [i, j] of [
        [0, 0],
        [pw - 1, 0],
        [17, ph - 3],
      ] as const) {
        const photo: Point = [box.x + ((i + 0.5) * box.width) / pw, box.y + ((j + 0.5) * box.height) / ph];
        const crop = apply(t, photo);
        expect(p[0]! * i + p[1]! * j + p[2]!).toBeCloseTo(crop[0] - 0.5, 9);
        expect(p[3]! * i + p[4]! * j + p[5]!).toBeCloseTo(crop[1] - 0.5, 9);
      }
    }
    // The photo decoded 3x larger: the same landmark lands on the same crop point.
    expect(
      dist(apply(scaleSimilarity(t, 3), [found.nose[0] * 3, found.nose[1] * 3]), apply(t, found.nose)),
    ).toBeLessThan(1e-9);
  });
});

describe('face mask', () => {
  const M = editMargin(SIZE);
  const SIDE = SIZE + 2 * M;
  const mask = faceMask(target, SIZE, M);
  /** The mask at canvas pixel (i, j); the crop's pixel (x, y) is at (x + M, y + M). */
  const at = (i: number, j: number) => mask[j * SIDE + i]!;
  const crop = (x: number, y: number) => at(x + M, y + M);

  it('covers the crop and its margins, is 0 on and near the canvas border and 1 at the face centre', () => {
    expect(mask.length).toBe(SIDE * SIDE);
    expect(M).toBeGreaterThan((3 * SIZE) / 32); // room for the whole edge outside the crop
    for (let k = 0; k < SIDE; k++) {
      for (const [i, j] of [
        [k, 0],
        [k, 1],
        [0, k],
        [1, k],
        [k, SIDE - 1],
        [k, SIDE - 2],
        [SIDE - 1, k],
        [SIDE - 2, k],
      ] as const) {
        expect(at(i, j)).toBe(0);
      }
    }
    expect(crop(Math.floor(target.nose[0] * SIZE), Math.floor(target.nose[1] * SIZE))).toBe(1);
    expect(crop(Math.floor(target.leftEye[0] * SIZE), Math.floor(target.leftEye[1] * SIZE))).toBe(1);
    expect(Math.min(...mask)).toBe(0);
    expect(Math.max(...mask)).toBe(1);
  });

  it('takes in the hair above and beside the face up to the crop border, not the corners', () => {
    const px = (p: Point) => crop(Math.floor(p[0] * SIZE), Math.floor(p[1] * SIZE));
    const eyeY = (target.leftEye[1] + target.rightEye[1]) / 2;
    const eyeToMouth = (target.mouthLeft[1] + target.mouthRight[1]) / 2 - eyeY;
    const eyeSpan = target.rightEye[0] - target.leftEye[0];
    expect(px([0.5, eyeY - 1.2 * eyeToMouth])).toBe(1); // the top of the head
    expect(crop(SIZE / 2, 0)).toBe(1); // the crop's top border, above the head: no seam inside the crop
    expect(px([target.leftEye[0] - 0.9 * eyeSpan, eyeY])).toBe(1); // hair beside the temples
    expect(px([target.rightEye[0] + 0.9 * eyeSpan, eyeY])).toBe(1);
    for (const [i, j] of [
      [3, 3],
      [SIDE - 4, 3],
      [3, SIDE - 4],
      [SIDE - 4, SIDE - 4],
    ] as const) {
      expect(at(i, j)).toBe(0);
    }
  });

  it('feathers monotonically from the centre outward, in every direction', () => {
    const c = [Math.floor(target.nose[0] * SIZE) + M, Math.floor(target.nose[1] * SIZE) + M] as const;
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
      [1, 1],
      [-1, -1],
    ] as const) {
      let prev = 1;
      let ramp = 0;
      for (let s = 0; ; s++) {
        const i = c[0] + dx * s;
        const j = c[1] + dy * s;
        if (i < 0 || j < 0 || i >= SIDE || j >= SIDE) break;
        expect(at(i, j)).toBeLessThanOrEqual(prev);
        if (at(i, j) > 0 && at(i, j) < 1) ramp++;
        prev = at(i, j);
      }
      expect(prev).toBe(0);
      expect(ramp).toBeGreaterThanOrEqual(2); // soft, not a hard edge
    }
  });
});

describe('extended canvas and photo crop', () => {
  it('maps a photo point to the crop point moved by the margin', () => {
    const t = alignmentTransform(found, target, SIZE);
    const e = extendSimilarity(t, 8);
    const p: Point = [640, 410];
    expect(apply(e, p)[0]).toBeCloseTo(apply(t, p)[0] + 8, 9);
    expect(apply(e, p)[1]).toBeCloseTo(apply(t, p)[1] + 8, 9);
  });
  it('reads the photo into the crop as the alignment maps it (a linear ramp comes back as that ramp)', () => {
    const t = alignmentTransform(found, target, SIZE);
    const box = faceRegion(t, SIZE, 1200, 900)!;
    // A photo whose red is x / 4 and green y / 4 (photo pixels), read at half size.
    const [pw, ph] = [Math.round(box.width / 2), Math.round(box.height / 2)];
    const data = new Uint8ClampedArray(pw * ph * 4);
    for (let j = 0; j < ph; j++)
      for (let i = 0; i < pw; i++) {
        const x = box.x + ((i + 0.5) * box.width) / pw;
        const y = box.y + ((j + 0.5) * box.height) / ph;
        data.set([x / 4, y / 4, 100, 255], (j * pw + i) * 4);
      }
    const { crop: out, coverage } = cropOf({ width: pw, height: ph, data }, box, t, SIZE);
    expect(coverage.every((c) => c === 1)).toBe(true); // the crop lies inside this photo
    const back = invertSimilarity(t);
    for (const [i, j] of [
      [32, 32],
      [10, 50],
      [50, 12],
    ] as const) {
      const [x, y] = apply(back, [i + 0.5, j + 0.5]);
      expect(Math.abs(out[(j * SIZE + i) * 3]! - x / 4)).toBeLessThan(1.5);
      expect(Math.abs(out[(j * SIZE + i) * 3 + 1]! - y / 4)).toBeLessThan(1.5);
      expect(out[(j * SIZE + i) * 3 + 2]).toBeCloseTo(100, 3);
    }
  });
});
