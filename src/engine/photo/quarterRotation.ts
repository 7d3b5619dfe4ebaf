// Quarter rotations for detection: a face lying on its side is found in the photo rotated a quarter, and its box and
// landmarks are brought back into the photo's own pixels here. Pure geometry, no tensors.
import type { Landmarks } from '../../photo/align';

/** 1: a quarter rotation clockwise; 3: three quarters (a quarter counter-clockwise). */
export type QuarterRotation = 1 | 3;

interface Face {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  landmarks: Landmarks;
}

/** A point of a photo `width` x `height`, in the photo rotated by `k`. */
export function rotatePoint(
  [x, y]: [number, number],
  k: QuarterRotation,
  width: number,
  height: number,
): [number, number] {
  return k === 1 ? [height - y, x] : [y, width - x];
}

/** A point of the rotated photo back in the photo (`width` x `height`: the photo's own size, before rotating). */
export function unrotatePoint(
  [x, y]: [number, number],
  k: QuarterRotation,
  width: number,
  height: number,
): [number, number] {
  return k === 1 ? [y, height - x] : [width - y, x];
}

/** A face found in the photo rotated by `k`, in the photo's own pixels: landmarks exactly, the box as its bounds. */
export function unrotateFace<F extends Face>(face: F, k: QuarterRotation, width: number, height: number): F {
  const back = (p: [number, number]) => unrotatePoint(p, k, width, height);
  const { x, y, width: w, height: h } = face.box;
  const corners = [back([x, y]), back([x + w, y + h])];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const l = face.landmarks;
  return {
    ...face,
    box: {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    },
    landmarks: {
      leftEye: back(l.leftEye),
      rightEye: back(l.rightEye),
      nose: back(l.nose),
      mouthLeft: back(l.mouthLeft),
      mouthRight: back(l.mouthRight),
    },
  };
}
