// What a picture of one object on a dark ground shows, measured from its pixels alone (no network): how bright the
// object is, how wide and tall, how much of the frame it covers, and how its width runs from top to bottom. Made for
// models whose frames are a light garment on black (Fashion-MNIST's framing), so that an intervention can be read in
// visual properties a person names, not only in the model's own encoder.

/** A pixel belongs to the object when its intensity (mean of R, G, B on a 0-1 scale) is above this. */
export const FOREGROUND = 0.1;
/** Width and height leave out this share of the object's pixels at each end, so one stray pixel does not count. */
export const EXTENT_TRIM = 0.01;

/** A measure's name, its label, and the range its values fall in (for charts). */
export interface PictureMeasure {
  name: string;
  label: string;
  min: number;
  max: number;
}

/** The measures in the order measurePicture returns them. */
export const PICTURE_MEASURES: readonly PictureMeasure[] = [
  { name: 'brightness', label: 'Brightness', min: 0, max: 1 },
  { name: 'width', label: 'Width', min: 0, max: 1 },
  { name: 'height', label: 'Height', min: 0, max: 1 },
  { name: 'area', label: 'Area', min: 0, max: 1 },
  { name: 'flare', label: 'Flare (lower vs upper width)', min: 0, max: 1 },
];

/**
 * The PICTURE_MEASURES of an RGBA frame `width` × `height` (row by row, alpha ignored):
 * - brightness: the object's mean intensity, 0-1 (0 when there is no object);
 * - width, height: the object's extent as a share of the frame's side (all but EXTENT_TRIM of its pixels each end);
 * - area: the share of the frame's pixels that are object;
 * - flare: the object's mean row width in the bottom third of its height, as a share of that plus the top third's:
 *   0.5 when both are as wide, lower when the top is wider, higher when the bottom is. On tops it tells sleeves apart:
 *   short sleeves widen only the top (Fashion-MNIST T-shirts ≈ 0.45), long sleeves hang beside the body down to the
 *   hem (pullovers, coats, shirts ≈ 0.56-0.60). 0 when there is no object.
 */
export function measurePicture(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  if (!(width > 0 && height > 0) || rgba.length !== width * height * 4) {
    throw new RangeError(
      `an RGBA frame of ${width} × ${height} needs ${width * height * 4} values, got ${rgba.length}`,
    );
  }
  const cols = new Float64Array(width);
  const rows = new Float64Array(height);
  const first = new Int32Array(height).fill(-1);
  const last = new Int32Array(height).fill(-1);
  let count = 0;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const v = (rgba[i]! + rgba[i + 1]! + rgba[i + 2]!) / (3 * 255);
      if (v <= FOREGROUND) continue;
      count++;
      sum += v;
      cols[x]!++;
      rows[y]!++;
      if (first[y] === -1) first[y] = x;
      last[y] = x;
    }
  }
  if (count === 0) return new Float32Array(PICTURE_MEASURES.length);
  const [top, bottom] = trimmedRange(rows, count);
  return Float32Array.of(
    sum / count,
    spanOf(trimmedRange(cols, count)) / width,
    spanOf([top, bottom]) / height,
    count / (width * height),
    flare(first, last, top, bottom),
  );
}

/** The first and last index of `counts` once EXTENT_TRIM of `total` is left out at each end. */
function trimmedRange(counts: Float64Array, total: number): [number, number] {
  const cut = EXTENT_TRIM * total;
  let lo = 0;
  for (let seen = counts[0]!; seen <= cut && lo < counts.length - 1; seen += counts[++lo]!);
  let hi = counts.length - 1;
  for (let seen = counts[hi]!; seen <= cut && hi > lo; seen += counts[--hi]!);
  return [lo, hi];
}

const spanOf = ([lo, hi]: [number, number]) => hi - lo + 1;

/** Mean row width (first to last object pixel) of the bottom third of rows top..bottom over it plus the top third's. */
function flare(first: Int32Array, last: Int32Array, top: number, bottom: number): number {
  const third = Math.max(1, Math.floor((bottom - top + 1) / 3));
  const meanWidth = (from: number, to: number) => {
    let s = 0;
    for (let y = from; y < to; y++) s += first[y]! >= 0 ? last[y]! - first[y]! + 1 : 0;
    return s / (to - from);
  };
  const upper = meanWidth(top, top + third);
  const lower = meanWidth(bottom + 1 - third, bottom + 1);
  return upper + lower > 0 ? lower / (upper + lower) : 0;
}
