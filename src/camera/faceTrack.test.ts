import { describe, expect, it } from 'vitest';
import { apply, type Landmarks, type Similarity } from '../photo/align';
import { followBox, landmarksOf, landmarkVector, stillFollowing } from './faceTrack';

const target: Landmarks = {
  leftEye: [0.3655, 0.473],
  rightEye: [0.6244, 0.4754],
  nose: [0.4951, 0.6376],
  mouthLeft: [0.3841, 0.7483],
  mouthRight: [0.6099, 0.7508],
};
/** The template placed in a photo by a similarity (crop side 64 -> photo). */
const placed = (t: Similarity): Landmarks => {
  const v = landmarkVector(target);
  const out: number[] = [];
  for (let i = 0; i < v.length; i += 2) out.push(...apply(t, [v[i]! * 64, v[i + 1]! * 64]));
  return landmarksOf(out);
};

describe('face tracking', () => {
  const still = placed({ a: 3, b: 0, tx: 200, ty: 100 });

  it('moves and scales the box with the face', () => {
    const box = { x: 250, y: 180, width: 120, height: 140 };
    const moved = placed({ a: 3.3, b: 0, tx: 230, ty: 90 });
    const next = followBox(box, still, moved);
    expect(next.width).toBeCloseTo(132, 5);
    expect(next.height).toBeCloseTo(154, 5);
    expect(followBox(box, still, still)).toEqual(box);
  });

  it('keeps following a face that moves a little, and lets go of one that jumps, shrinks or stops being a face', () => {
    expect(stillFollowing(still, placed({ a: 3.1, b: 0.1, tx: 205, ty: 98 }), target, 64)).toBe(true);
    expect(stillFollowing(still, placed({ a: 3, b: 0, tx: 400, ty: 100 }), target, 64)).toBe(false);
    expect(stillFollowing(still, placed({ a: 1.5, b: 0, tx: 200, ty: 100 }), target, 64)).toBe(false);
    const collapsed = { ...still, nose: [still.leftEye[0], still.mouthLeft[1] + 60] as [number, number] };
    expect(stillFollowing(still, collapsed, target, 64)).toBe(false);
  });

  it('turns landmarks into ten numbers and back', () => {
    expect(landmarksOf(landmarkVector(still))).toEqual(still);
  });
});
