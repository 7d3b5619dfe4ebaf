// What a pasted-back edit changed in the full-resolution photo, against where the paste-back mask lets it change
// anything (issue 15, item 5: "pixels more than a few pixels outside the mask unchanged"). Pure pixel maths.
import { apply, type Similarity } from '../../src/photo/align';

/** How far (photo pixels, square neighbourhood) beyond the mask's support a change still counts as inside it. */
export const MASK_MARGIN_PX = 3;

/**
 * Photo pixels (width x height, row-major, 1 = inside) whose paste-back reads a non-zero mask value: the size x size
 * `mask` (crop pixels) sampled bilinearly at each photo pixel's centre through `t` (photo -> crop), as
 * tf.image.transform samples it in src/engine/photo/photoEdit.ts, then dilated by `margin` pixels.
 */
export function maskSupport(
  mask: Float32Array,
  size: number,
  t: Similarity,
  width: number,
  height: number,
  margin: number,
): Uint8Array {
  const at = (i: number, j: number) => (i >= 0 && j >= 0 && i < size && j < size ? mask[j * size + i]! : 0);
  const inside = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [cx, cy] = apply(t, [x + 0.5, y + 0.5]);
      const i = Math.floor(cx - 0.5);
      const j = Math.floor(cy - 0.5);
      if (at(i, j) > 0 || at(i + 1, j) > 0 || at(i, j + 1) > 0 || at(i + 1, j + 1) > 0) inside[y * width + x] = 1;
    }
  }
  return dilate(dilate(inside, width, height, margin, 1, width), width, height, margin, width, 1);
}

/** Max filter of radius r along one axis (step: 1 for rows, width for columns; stride to the next line). */
function dilate(src: Uint8Array, width: number, height: number, r: number, step: number, stride: number) {
  const out = new Uint8Array(src.length);
  const [lines, length] = step === 1 ? [height, width] : [width, height];
  for (let l = 0; l < lines; l++) {
    const base = l * stride;
    let last = -Infinity; // index of the latest inside pixel seen along this line
    for (let k = 0; k < length + r; k++) {
      if (k < length && src[base + k * step]) last = k;
      const target = k - r;
      if (target >= 0 && target < length && k - last <= 2 * r) out[base + target * step] = 1;
    }
  }
  return out;
}

/** Changes of `edited` against `original` (RGBA, same size): everywhere, and outside `support`. */
export function changesOutside(original: Uint8ClampedArray, edited: Uint8ClampedArray, support: Uint8Array) {
  let changed = 0;
  let changedOutside = 0;
  let maxOutside = 0;
  for (let p = 0, i = 0; p < support.length; p++, i += 4) {
    const d = Math.max(
      Math.abs(original[i]! - edited[i]!),
      Math.abs(original[i + 1]! - edited[i + 1]!),
      Math.abs(original[i + 2]! - edited[i + 2]!),
    );
    if (d === 0) continue;
    changed++;
    if (!support[p]) {
      changedOutside++;
      maxOutside = Math.max(maxOutside, d);
    }
  }
  return { pixels: support.length, changed, changedOutside, maxOutside };
}
