// The edit layer that blendEdit pastes onto the photo, in crop pixels: what an edit changes, and where. Pure math on
// the model-size images (a few thousand pixels a frame).
//
// The change is the generator's difference D = G(edited) - G(base), plus, where D is large, a fade of the photo's own
// low frequencies toward the generation's: alpha * (G(base) - T), T being the photo's aligned crop at the model's size.
// Where alpha is 1 the photo's detail above the model's resolution stays while everything the model resolves becomes
// G(edited) (a fringe of bangs is not drawn over the forehead it hides; blonde hair is not dark hair brightened);
// where the edit is small alpha is 0 and the photo only gets D, so an unedited face is the photo exactly.
// The layer extends `margin` pixels past the crop on every side (the edge's values carried outward), so that the
// mask can take the whole edit up to the crop's border and fade out beyond it rather than at a seam inside it.
import { smoothstep } from './pasteBack';

/** Below this mean |D| (byte units) the edit is only added; from FADE_FULL up, the photo's low frequencies fade out. */
export const FADE_START = 8;
export const FADE_FULL = 24;

/**
 * Where editLayer's arrays come from. Each is overwritten whole before it is read, so a reused one serves as well as a
 * new one; reuse spares a live frame a quarter of a megabyte of new memory (see PhotoEdit, its one owner).
 */
export interface LayerArrays {
  /** The array named `name`, of `length` values; what it held may be anything. */
  take(name: string, length: number): Float32Array;
}

/** New arrays every time. */
const NEW_ARRAYS: LayerArrays = { take: (_name, length) => new Float32Array(length) };

/** LayerArrays that hands out the same array for a name each time: what the last call returned is overwritten. */
export class ReusedArrays implements LayerArrays {
  private readonly arrays = new Map<string, Float32Array>();

  take(name: string, length: number): Float32Array {
    let array = this.arrays.get(name);
    if (array?.length !== length) {
      array = new Float32Array(length);
      this.arrays.set(name, array);
    }
    return array;
  }
}

/** A size x size single-channel image blurred with the 3-tap binomial kernel [1 2 1] / 4 each way, edges repeated. */
export function blur3(src: Float32Array, size: number, arrays = NEW_ARRAYS, name = 'blurred'): Float32Array {
  const tmp = arrays.take('blur3', src.length);
  const out = arrays.take(name, src.length);
  const at = (i: number) => Math.min(size - 1, Math.max(0, i));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      tmp[y * size + x] = (src[y * size + at(x - 1)]! + 2 * src[y * size + x]! + src[y * size + at(x + 1)]!) / 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      out[y * size + x] = (tmp[at(y - 1) * size + x]! + 2 * tmp[y * size + x]! + tmp[at(y + 1) * size + x]!) / 4;
  return out;
}

/**
 * Where the photo's low frequencies fade to the generation's, size x size in [0, 1]: a smooth ramp of the edit's
 * mean absolute size per pixel (blurred) from FADE_START to FADE_FULL, blurred again so that it has no hard edge.
 * `diff` is size x size x 3 in byte units. Exactly 0 where the whole neighbourhood's edit is below FADE_START.
 */
export function fadeWeight(diff: Float32Array, size: number, arrays = NEW_ARRAYS): Float32Array {
  const n = size * size;
  const mag = arrays.take('mag', n);
  for (let p = 0; p < n; p++)
    mag[p] = (Math.abs(diff[3 * p]!) + Math.abs(diff[3 * p + 1]!) + Math.abs(diff[3 * p + 2]!)) / 3;
  const soft = blur3(mag, size, arrays, 'soft');
  for (let p = 0; p < n; p++) soft[p] = smoothstep((soft[p]! - FADE_START) / (FADE_FULL - FADE_START));
  return blur3(soft, size, arrays, 'fade');
}

/**
 * What the fade adds alpha times: G(base) - T (`base` and `target` size x size x 3 in byte units, see editLayer). It
 * changes only with the base, so PhotoEdit computes it once per fit; in double precision, as the frame path always has.
 */
export function fadeLift(base: Float32Array, target: Float32Array): Float64Array {
  const lift = new Float64Array(base.length);
  for (let i = 0; i < lift.length; i++) lift[i] = base[i]! - target[i]!;
  return lift;
}

/**
 * The layer blendEdit reads: (size + 2 margin)² x 4, [change R, G, B in byte units, mask in [0, 1]], with `mask`
 * (faceMask, (size + 2 margin)²) as its fourth channel. `edited` and `base` are size x size x 3 in byte units: the
 * edited and unedited generations; `lift` is fadeLift(base, T), T the photo's aligned crop; `coverage` (size x size in
 * [0, 1], cropOf) how much of each crop pixel the photo covers. The fade is scaled by it: where the crop hangs off the
 * photo there is no photo to fade from (its crop reads 0 there), so the photo at its edge gets D alone. `arrays`:
 * where its arrays come from (with ReusedArrays, the layer returned is overwritten by the next call).
 */
export function editLayer(
  edited: Float32Array,
  base: Float32Array,
  lift: Float64Array,
  coverage: Float32Array,
  mask: Float32Array,
  size: number,
  margin: number,
  arrays = NEW_ARRAYS,
): Float32Array {
  const side = size + 2 * margin;
  if (mask.length !== side * side) throw new Error(`editLayer: mask has ${mask.length} values, not ${side}²`);
  const diff = arrays.take('diff', size * size * 3);
  for (let i = 0; i < diff.length; i++) diff[i] = edited[i]! - base[i]!;
  const alpha = fadeWeight(diff, size, arrays);
  for (let p = 0; p < alpha.length; p++) alpha[p] = alpha[p]! * coverage[p]!;
  const change = arrays.take('change', size * size * 3);
  for (let i = 0; i < change.length; i++) change[i] = diff[i]! + alpha[Math.floor(i / 3)]! * lift[i]!;
  const layer = arrays.take('layer', side * side * 4);
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  for (let y = 0; y < side; y++) {
    const sy = clamp(y - margin);
    for (let x = 0; x < side; x++) {
      const s = (sy * size + clamp(x - margin)) * 3;
      const o = (y * side + x) * 4;
      layer[o] = change[s]!;
      layer[o + 1] = change[s + 1]!;
      layer[o + 2] = change[s + 2]!;
      layer[o + 3] = mask[y * side + x]!;
    }
  }
  return layer;
}
