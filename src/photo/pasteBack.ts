// Putting an edit back onto the photo: the inverse of the alignment, the part of the photo the crop covers, how a
// patch of that part reads from the crop, and the soft mask that says where an edit may change the photo. Pure math
// (as face-restoration tools paste back: facexlib, CodeFormer's face_restoration_helper).
import { apply, landmarkPoints, type Landmarks, type Point, type Similarity } from './align';

/** An axis-aligned rectangle in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function invertSimilarity(t: Similarity): Similarity {
  const d = t.a * t.a + t.b * t.b;
  if (d === 0) throw new Error('invertSimilarity: the transform is singular');
  const a = t.a / d;
  const b = -t.b / d;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

const EPS = 1e-6; // rounding error of a transform and its inverse must not grow a box by a pixel

/** `box` in whole pixels, grown outward to them and clipped to a width x height image; null when nothing is left. */
export function clipBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.floor(box.x + EPS));
  const y0 = Math.max(0, Math.floor(box.y + EPS));
  const x1 = Math.min(width, Math.ceil(box.x + box.width - EPS));
  const y1 = Math.min(height, Math.ceil(box.y + box.height - EPS));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/**
 * The part of a width x height photo that the size x size crop covers (`t`: photo -> crop): the crop's corners
 * mapped back, their bounding box in whole pixels, clipped to the photo. Outside it an edit changes nothing.
 */
export function faceRegion(t: Similarity, size: number, width: number, height: number): Box | null {
  const back = invertSimilarity(t);
  const corners = (
    [
      [0, 0],
      [size, 0],
      [0, size],
      [size, size],
    ] as Point[]
  ).map((p) => apply(back, p));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return clipBox({ x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }, width, height);
}

/** The same photo transform for the photo drawn `k` times larger (a full-resolution decode of a scaled-down one). */
export function scaleSimilarity(t: Similarity, k: number): Similarity {
  return { a: t.a / k, b: t.b / k, tx: t.tx, ty: t.ty };
}

/**
 * Where each pixel of a patch (`box` of the photo drawn at patchWidth x patchHeight) reads from in the crop, as the
 * 8 numbers of a projective transform from output pixel index to input pixel index (tf.image.transform's form:
 * x_in = p0 x + p1 y + p2, y_in = p3 x + p4 y + p5). Pixel i covers [i, i + 1], so its centre is i + 0.5.
 */
export function patchToCrop(t: Similarity, box: Box, patchWidth: number, patchHeight: number): number[] {
  const sx = box.width / patchWidth; // photo pixels per patch pixel
  const sy = box.height / patchHeight;
  const [cx, cy] = apply(t, [box.x + 0.5 * sx, box.y + 0.5 * sy]);
  return [t.a * sx, -t.b * sy, cx - 0.5, t.b * sx, t.a * sy, cy - 0.5, 0, 0];
}

/**
 * The face and hair, as an ellipse in crop pixels fitted to the five landmarks (x right, y down): centred between the
 * eyes and wide enough to take in the hair above and beside the face, which a Blonde or Bangs edit changes (an
 * ellipse around the face alone kept the outer hair as it was: bench/results/photos.md).
 */
export function faceEllipse(target: Landmarks, size: number) {
  const [le, re, , ml, mr] = landmarkPoints(target).map(([x, y]) => [x * size, y * size] as Point);
  const eyes: Point = [(le![0] + re![0]) / 2, (le![1] + re![1]) / 2];
  const mouth: Point = [(ml![0] + mr![0]) / 2, (ml![1] + mr![1]) / 2];
  const eyeSpan = Math.hypot(re![0] - le![0], re![1] - le![1]);
  const eyeToMouth = Math.hypot(mouth[0] - eyes[0], mouth[1] - eyes[1]);
  return {
    centre: eyes,
    rx: 2.4 * eyeSpan,
    ry: 2.2 * eyeToMouth,
    angle: Math.atan2(re![1] - le![1], re![0] - le![0]),
  };
}

/** 3c² - 2c³ of v clamped to [0, 1]: 0 up to 0, 1 from 1, smooth between. */
export const smoothstep = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return c * c * (3 - 2 * c);
};

/** How far the edit layer reaches past the crop on each side, in crop pixels (an eighth of the crop). */
export const editMargin = (size: number) => Math.round(size / 8);

/** The same photo transform onto a crop grown by `margin` pixels on every side (the edit layer's canvas). */
export function extendSimilarity(t: Similarity, margin: number): Similarity {
  return { ...t, tx: t.tx + margin, ty: t.ty + margin };
}

/**
 * The soft paste-back mask on the edit layer's canvas: (size + 2 margin)² pixels (row-major, [0, 1]), the crop at
 * (margin, margin). The face-and-hair ellipse eroded by an edge width w = size / 32 and feathered over 2w (a
 * smoothstep of the distance inside, which CodeFormer's erode-then-blur approximates), times the same ramp from the
 * canvas's border: exactly 0 within w of it, so the photo beyond the canvas never changes, and (with margin > 3w)
 * the whole edit up to the crop's own border, where the hair near it would otherwise keep its colour.
 */
export function faceMask(target: Landmarks, size: number, margin = editMargin(size)): Float32Array {
  const { centre, rx, ry, angle } = faceEllipse(target, size);
  const w = size / 32;
  const side = size + 2 * margin;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const mask = new Float32Array(side * side);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const x = i + 0.5;
      const y = j + 0.5;
      const dx = x - margin - centre[0];
      const dy = y - margin - centre[1];
      const u = (dx * cos + dy * sin) / rx;
      const v = (-dx * sin + dy * cos) / ry;
      const insideEllipse = (1 - Math.hypot(u, v)) * Math.min(rx, ry);
      const insideCanvas = Math.min(x, y, side - x, side - y);
      mask[j * side + i] = smoothstep((insideEllipse - w) / (2 * w)) * smoothstep((insideCanvas - w) / (2 * w));
    }
  }
  return mask;
}

/**
 * The photo's crop at size x size (RGB in byte units, row-major): `patch` (RGBA, `box` of the photo drawn at its own
 * width x height) read through `t` (photo -> crop) at 4 x 4 points per crop pixel, bilinear (edge pixels repeated),
 * averaged over the points on the patch; and `coverage` (size x size in [0, 1]): the share of each crop pixel's points
 * that fall on the patch. Where the crop hangs off the photo coverage is below 1, and the crop is 0 where it is 0.
 */
export function cropOf(
  patch: { width: number; height: number; data: Uint8ClampedArray },
  box: Box,
  t: Similarity,
  size: number,
): { crop: Float32Array; coverage: Float32Array } {
  const back = invertSimilarity(t);
  const sx = patch.width / box.width;
  const sy = patch.height / box.height;
  const crop = new Float32Array(size * size * 3);
  const coverage = new Float32Array(size * size);
  const { width, height, data } = patch;
  const px = (x: number, y: number, c: number) =>
    data[(Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 4 + c]!;
  const N = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let inside = 0;
      for (let q = 0; q < N * N; q++) {
        const [X, Y] = apply(back, [i + ((q % N) + 0.5) / N, j + (Math.floor(q / N) + 0.5) / N]);
        const u = (X - box.x) * sx - 0.5;
        const v = (Y - box.y) * sy - 0.5;
        if (u < -0.5 || v < -0.5 || u >= width - 0.5 || v >= height - 0.5) continue; // off the patch
        inside++;
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const fx = u - x0;
        const fy = v - y0;
        for (let c = 0; c < 3; c++) {
          const top = (1 - fx) * px(x0, y0, c) + fx * px(x0 + 1, y0, c);
          const bottom = (1 - fx) * px(x0, y0 + 1, c) + fx * px(x0 + 1, y0 + 1, c);
          const k = (j * size + i) * 3 + c;
          crop[k] = crop[k]! + (1 - fy) * top + fy * bottom;
        }
      }
      coverage[j * size + i] = inside / (N * N);
      const k = (j * size + i) * 3;
      if (inside > 0) crop.set([crop[k]! / inside, crop[k + 1]! / inside, crop[k + 2]! / inside], k);
    }
  }
  return { crop, coverage };
}
