// Issue 29's measures of one edited full-resolution photo against the unedited one: the share of its changed pixels
// outside the person (a person mask from a segmenter the app does not use, bench/pages/meetSegmenter.ts), and the
// sharpness of the face (variance of the Laplacian of the luminance inside the face's landmark hull). Pure pixel
// maths on RGBA bytes, width x height, row-major.
import type { Point } from '../../src/photo/align';

/** A pixel counts as changed when some channel moved by more than this many byte units (of 255). */
export const CHANGE_THRESHOLD = 3;

/** The face region is the landmarks' convex hull scaled toward its centroid by this factor (off the jaw's edge). */
export const FACE_SHRINK = 0.9;

/**
 * Person mask of a width x height photo from a segmenter's probabilities (`prob`, pw x ph, row-major): bilinear
 * upsampling with half-pixel centres and clamped edges (as tf.image.resizeBilinear with halfPixelCenters), then
 * probability > `threshold`. 1 = person.
 */
export function upsampleMask(
  prob: Float32Array,
  pw: number,
  ph: number,
  width: number,
  height: number,
  threshold = 0.5,
): Uint8Array {
  const out = new Uint8Array(width * height);
  const sx = pw / width;
  const sy = ph / height;
  for (let y = 0; y < height; y++) {
    const v = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), ph - 1);
    const j0 = Math.floor(v);
    const j1 = Math.min(j0 + 1, ph - 1);
    const fy = v - j0;
    for (let x = 0; x < width; x++) {
      const u = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), pw - 1);
      const i0 = Math.floor(u);
      const i1 = Math.min(i0 + 1, pw - 1);
      const fx = u - i0;
      const top = prob[j0 * pw + i0]! * (1 - fx) + prob[j0 * pw + i1]! * fx;
      const bottom = prob[j1 * pw + i0]! * (1 - fx) + prob[j1 * pw + i1]! * fx;
      if (top * (1 - fy) + bottom * fy > threshold) out[y * width + x] = 1;
    }
  }
  return out;
}

/**
 * Pixels of `edited` that differ from `original` by more than CHANGE_THRESHOLD in some channel, and how many of
 * them lie outside `person` (1 = person). `share` is outside / changed, 0 when nothing changed.
 */
export function outsidePerson(original: Uint8ClampedArray, edited: Uint8ClampedArray, person: Uint8Array) {
  let changed = 0;
  let outside = 0;
  for (let p = 0, i = 0; p < person.length; p++, i += 4) {
    const d = Math.max(
      Math.abs(original[i]! - edited[i]!),
      Math.abs(original[i + 1]! - edited[i + 1]!),
      Math.abs(original[i + 2]! - edited[i + 2]!),
    );
    if (d <= CHANGE_THRESHOLD) continue;
    changed++;
    if (!person[p]) outside++;
  }
  return { changed, outside, share: changed ? outside / changed : 0 };
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in y-down pixels, without repeated end points. */
export function convexHull(points: Point[]): Point[] {
  const s = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (s.length < 3) return s;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Point[]) => {
    const h: Point[] = [];
    for (const p of list) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(s), ...half([...s].reverse())];
}

/** `polygon` scaled by `k` about its vertices' centroid. */
export function shrink(polygon: Point[], k: number): Point[] {
  const cx = polygon.reduce((s, p) => s + p[0], 0) / polygon.length;
  const cy = polygon.reduce((s, p) => s + p[1], 0) / polygon.length;
  return polygon.map(([x, y]) => [cx + k * (x - cx), cy + k * (y - cy)]);
}

/** Pixels (width x height, 1 = inside) whose centre lies inside the convex `polygon` (either winding). */
export function convexMask(polygon: Point[], width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const n = polygon.length;
  if (n < 3) return out;
  let area = 0;
  for (let k = 0; k < n; k++) {
    const [ax, ay] = polygon[k]!;
    const [bx, by] = polygon[(k + 1) % n]!;
    area += ax * by - bx * ay;
  }
  const sign = Math.sign(area);
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let inside = true;
      for (let k = 0; k < n && inside; k++) {
        const [ax, ay] = polygon[k]!;
        const [bx, by] = polygon[(k + 1) % n]!;
        inside = sign * ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) >= 0;
      }
      if (inside) out[y * width + x] = 1;
    }
  }
  return out;
}

/**
 * Variance of the Laplacian (4-neighbour kernel [0 1 0; 1 -4 1; 0 1 0]) of the luminance Y = 0.299 R + 0.587 G +
 * 0.114 B (byte units) over the pixels in `region` that are not on the photo's border: high-frequency energy.
 */
export function laplacianVariance(rgba: Uint8ClampedArray, width: number, height: number, region: Uint8Array) {
  const lum = (x: number, y: number) => {
    const i = 4 * (y * width + x);
    return 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
  };
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      if (!region[y * width + x]) continue;
      const l = lum(x - 1, y) + lum(x + 1, y) + lum(x, y - 1) + lum(x, y + 1) - 4 * lum(x, y);
      n++;
      sum += l;
      sq += l * l;
    }
  }
  return n ? sq / n - (sum / n) ** 2 : NaN;
}
