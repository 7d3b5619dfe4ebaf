// Where new content takes its texture from. When an edit adds something the photo lacks (a fringe over a bare
// forehead), no flow moves the photo's own pixels into it, and scaling the forehead's skin darker paints a smooth,
// muddy band. Such a pixel instead borrows from the nearest place above it, on the person, whose colour in the
// unedited generation is the edited colour: the hair at the hairline. Its flow is set to point there, so the warp
// copies the photo's own hair, strand by strand, and the gain and residual only finish the colour.
//
// Only pixels above the brows whose brightness the edit changes a lot are candidates (glasses darken the eyes too,
// and must not be drawn with hair), only sources above them (the crop is aligned
// upright), only pixels that were skin, and only sources of another material than the pixel was: a colour edit (Blonde either way) recolours
// hair whose unedited colour is that of the hair above it, so it keeps its flow and gain. Neighbours prefer the
// offset their left and upper neighbours took, so that the borrowed texture comes in coherent pieces, not a mosaic.
import type { Landmarks } from './align';

/** A pixel's brightness must change by this factor or more (either way) for it to look for a source. */
export const BORROW_RATIO = 1.6;
/** How far above (model pixels) and to either side a source may be. */
export const BORROW_UP = 14;
export const BORROW_SIDE = 2;
/** A source's colour (3 x 3 mean) must be within this of the edited colour (byte units, per channel mean)... */
export const BORROW_TOLERANCE = 14;
/** ...and at least this far from the pixel's own unedited colour (another material: hair over skin)... */
export const BORROW_CONTRAST = 28;
/** ...and the pixel must have been skin: within this of the skin at the middle of the aligned face (byte units). */
export const SKIN_TOLERANCE = 24;

/** 3 x 3 box mean of an interleaved size x size x 3 image, edges repeated. */
function mean3(rgb: Float32Array, size: number): Float32Array {
  const out = new Float32Array(rgb.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = -1; j <= 1; j++)
          for (let i = -1; i <= 1; i++) {
            const yy = Math.min(size - 1, Math.max(0, y + j));
            const xx = Math.min(size - 1, Math.max(0, x + i));
            s += rgb[(yy * size + xx) * 3 + c]!;
          }
        out[(y * size + x) * 3 + c] = s / 9;
      }
  return out;
}

const luma = (rgb: Float32Array, p: number) => 0.299 * rgb[3 * p]! + 0.587 * rgb[3 * p + 1]! + 0.114 * rgb[3 * p + 2]!;

/**
 * Sets the flow (`u`, `v`, size², in place) of each pixel whose edit brightens or darkens it by BORROW_RATIO or more
 * and for which a source exists: a pixel up to BORROW_UP above (BORROW_SIDE to either side) where `sources` (size², 1
 * on the person, or null for everywhere) is at least 0.5 and the unedited generation's colour is within
 * BORROW_TOLERANCE of the edited one. The nearest such source wins. `base`, `edited`, `warped` (base read through the
 * flow so far) are size x size x 3 in byte units; only rows above `rows` borrow (the forehead). Returns how many
 * pixels borrow.
 */
/** The crop rows above the brows, where a new fringe may borrow hair: the brows sit about a twelfth of the crop
 * above the eyes in the training framing (`target`: the manifest's landmarks, fractions of the crop). */
export function foreheadRows(target: Landmarks, size: number): number {
  return Math.floor(size * ((target.leftEye[1] + target.rightEye[1]) / 2 - 1 / 12));
}

export function borrowTexture(
  base: Float32Array,
  edited: Float32Array,
  warped: Float32Array,
  u: Float32Array,
  v: Float32Array,
  sources: Float32Array | null,
  size: number,
  rows = size,
): number {
  const b = mean3(base, size);
  const e = mean3(edited, size);
  const w = mean3(warped, size);
  const candidates: [number, number][] = [];
  for (let dy = -1; dy >= -BORROW_UP; dy--)
    for (let dx = -BORROW_SIDE; dx <= BORROW_SIDE; dx++) candidates.push([dx, dy]);
  candidates.sort((p, q) => Math.hypot(p[0], p[1]) - Math.hypot(q[0], q[1]));
  const taken = new Int8Array(size * size); // 1 where a pixel borrows (its flow is then its offset)
  const colourGap = (x: Float32Array, i: number, y: Float32Array, j: number) =>
    (Math.abs(x[3 * i]! - y[3 * j]!) +
      Math.abs(x[3 * i + 1]! - y[3 * j + 1]!) +
      Math.abs(x[3 * i + 2]! - y[3 * j + 2]!)) /
    3;
  // The skin's colour: the unedited face around the middle of the crop (between the eyes and the mouth).
  const skin = [0, 0, 0];
  let count = 0;
  for (let y = Math.round(size * 0.5); y < Math.round(size * 0.62); y++)
    for (let x = Math.round(size * 0.4); x < Math.round(size * 0.6); x++, count++)
      for (let c = 0; c < 3; c++) skin[c]! += base[(y * size + x) * 3 + c]! / 1;
  const skinColour = Float32Array.from(skin.map((v) => v / count));
  let borrowed = 0;
  for (let y = 1; y < Math.min(rows, size); y++)
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const ratio = (luma(e, p) + 16) / (luma(w, p) + 16);
      if (ratio > 1 / BORROW_RATIO) continue; // new hair over skin darkens; a brightening has other causes (teeth)
      if (colourGap(b, p, skinColour, 0) > SKIN_TOLERANCE) continue; // it was not skin: a recolouring, not new hair
      const fits = (dx: number, dy: number) => {
        const sx = x + dx;
        const sy = y + dy;
        if (sx < 0 || sx >= size || sy < 0 || sy >= size) return false;
        const q = sy * size + sx;
        if (sources && !(sources[q]! >= 0.5)) return false;
        return colourGap(b, q, e, p) <= BORROW_TOLERANCE && colourGap(b, q, b, p) >= BORROW_CONTRAST;
      };
      const neighbours = [p - 1, p - size].filter((q) => q >= 0 && taken[q] === 1 && (q !== p - 1 || x > 0));
      const pick =
        neighbours.map((q): [number, number] => [u[q]!, v[q]!]).find(([dx, dy]) => fits(dx, dy)) ??
        candidates.find(([dx, dy]) => fits(dx, dy));
      if (!pick) continue;
      u[p] = pick[0];
      v[p] = pick[1];
      taken[p] = 1;
      borrowed++;
    }
  // Where borrowing starts and stops, an offset of several pixels against its neighbours' flow would cut the texture
  // with a hard edge (a visible square at the photo's size): blurred 3 x 3 across the borrowing pixels and the ring
  // around them, so the copy fades into the flow beside it.
  if (borrowed > 0) {
    const su = u.slice();
    const sv = v.slice();
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        let near = false;
        for (let j = -1; j <= 1 && !near; j++)
          for (let i = -1; i <= 1 && !near; i++) {
            const yy = y + j;
            const xx = x + i;
            near = yy >= 0 && xx >= 0 && yy < size && xx < size && taken[yy * size + xx] === 1;
          }
        if (!near) continue;
        let au = 0;
        let av = 0;
        let count = 0;
        for (let j = -1; j <= 1; j++)
          for (let i = -1; i <= 1; i++) {
            const yy = Math.min(size - 1, Math.max(0, y + j));
            const xx = Math.min(size - 1, Math.max(0, x + i));
            au += su[yy * size + xx]!;
            av += sv[yy * size + xx]!;
            count++;
          }
        u[y * size + x] = au / count;
        v[y * size + x] = av / count;
      }
  }
  return borrowed;
}
