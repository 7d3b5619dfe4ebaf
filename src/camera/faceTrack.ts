// Following a face from one video frame to the next without running the detector on every frame: the landmark
// network alone reads the box where the face was, moved and scaled with it; the detector runs again every few frames,
// or as soon as what the landmark network finds no longer looks like the face it followed. Pure math.
import { alignmentError, type Landmarks } from '../photo/align';
import type { Box } from '../photo/pasteBack';

/** The detector runs on at most one frame in this many while a face is followed. */
export const DETECT_EVERY = 30;
/** Landmarks that fit the training framing worse than this (mean model pixels, alignmentError) are not a face. */
export const LOST_ALIGN_ERROR = 4;
/** Between two frames, the eyes' distance may change by at most this share, and the face's centre move at most this
 * many eye distances; beyond, the landmark network has lost the face (or it moved too fast to follow). */
export const MAX_SCALE_CHANGE = 0.25;
export const MAX_CENTRE_JUMP = 0.6;

export function eyeDistance(l: Landmarks): number {
  return Math.hypot(l.rightEye[0] - l.leftEye[0], l.rightEye[1] - l.leftEye[1]);
}

export function landmarkCentre(l: Landmarks): [number, number] {
  const pts = [l.leftEye, l.rightEye, l.nose, l.mouthLeft, l.mouthRight];
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

/**
 * Where the landmark network should look next: the detector's box for `then` (the landmarks it found in it), moved
 * with the landmarks' centre and scaled with their eye distance to where they are `now`.
 */
export function followBox(box: Box, then: Landmarks, now: Landmarks): Box {
  const k = eyeDistance(now) / eyeDistance(then);
  const [cx0, cy0] = landmarkCentre(then);
  const [cx1, cy1] = landmarkCentre(now);
  const bx = box.x + box.width / 2 - cx0;
  const by = box.y + box.height / 2 - cy0;
  const width = box.width * k;
  const height = box.height * k;
  return { x: cx1 + bx * k - width / 2, y: cy1 + by * k - height / 2, width, height };
}

/** Whether landmarks the network found by following (`now`) are still the face it found a frame ago (`before`). */
export function stillFollowing(before: Landmarks, now: Landmarks, target: Landmarks, res: number): boolean {
  const d0 = eyeDistance(before);
  const d1 = eyeDistance(now);
  if (!(d1 > 0) || Math.abs(d1 / d0 - 1) > MAX_SCALE_CHANGE) return false;
  const [x0, y0] = landmarkCentre(before);
  const [x1, y1] = landmarkCentre(now);
  if (Math.hypot(x1 - x0, y1 - y0) > MAX_CENTRE_JUMP * d0) return false;
  return alignmentError(now, target, res) <= LOST_ALIGN_ERROR;
}

/** Landmarks as ten numbers (for smoothing) and back. */
export function landmarkVector(l: Landmarks): number[] {
  return [l.leftEye, l.rightEye, l.nose, l.mouthLeft, l.mouthRight].flatMap((p) => [p[0], p[1]]);
}

export function landmarksOf(v: ArrayLike<number>): Landmarks {
  const p = (i: number): [number, number] => [v[2 * i]!, v[2 * i + 1]!];
  return { leftEye: p(0), rightEye: p(1), nose: p(2), mouthLeft: p(3), mouthRight: p(4) };
}
