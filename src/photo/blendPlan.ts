// blendEdit for the live view, split in two: for an open photo the patch, the alignment and the mask never change, only
// the edit's change does. So once per photo a plan lists the patch pixels the mask reaches, each with where it reads
// the layer and its four bilinear weights times the mask; a frame then only adds the change at those pixels.
import type { RgbaPixels } from './blendEdit';
import { createBlendKernel, type BlendKernel } from './blendKernel';

/** What createBlendPlan precomputes (read-only): a frame's blend is blendWithPlan(plan, layer). */
export interface BlendPlan {
  width: number;
  height: number;
  /** The layer's side: the plan reads size x size layers. */
  size: number;
  /** The patch's bytes with alpha 255: what every frame starts from. */
  base: Uint8ClampedArray;
  /** Per planned pixel: its byte offset in `base`. */
  offset: Int32Array;
  /** Per planned pixel: its top-left neighbour, a cell of the layer padded with a border of zeros, (size + 2)². */
  cell: Int32Array;
  /** Per planned pixel: the weights of its top-left, top-right, bottom-left, bottom-right neighbours, times the mask. */
  weight: Float64Array;
  /** The same blend in WebAssembly SIMD (blendKernel.ts), with its own copy of the above; null where unavailable. */
  kernel: BlendKernel | null;
}

/**
 * The plan of blendEdit(patch, layer, size, params) for every layer whose fourth channel is `mask` (size x size in
 * [0, 1], never negative): the same sampling (`params` is patchToCrop's, 0 outside the crop as tf.image.transform
 * 'bilinear', 'constant', 0), pixel for pixel; only the pixels where the interpolated mask is above 0 are listed.
 */
export function createBlendPlan(
  patch: RgbaPixels,
  mask: Float32Array,
  size: number,
  params: readonly number[],
): BlendPlan {
  const { width, height, data } = patch;
  if (mask.length !== size * size) throw new Error(`createBlendPlan: mask has ${mask.length} values, not ${size}²`);
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0] = params;
  const side = size + 2;
  const padded = new Float64Array(side * side);
  for (let j = 0; j < size; j++) padded.set(mask.subarray(j * size, (j + 1) * size), (j + 1) * side + 1);
  const base = new Uint8ClampedArray(data);
  for (let o = 3; o < base.length; o += 4) base[o] = 255;
  // At most one entry per pixel; trimmed to the count at the end.
  const offset = new Int32Array(width * height);
  const cell = new Int32Array(width * height);
  const weight = new Float64Array(width * height * 4);
  let n = 0;
  for (let y = 0; y < height; y++) {
    // As blendEdit: (p0 x + p1 y) + p2, so that every pixel reads the same point.
    const qx = p1 * y;
    const qy = p4 * y;
    for (let x = 0; x < width; x++) {
      // Where all four neighbours are outside the crop it reads 0: not planned.
      const inX = p0 * x + qx + p2;
      const x0 = Math.floor(inX);
      if (x0 < -1 || x0 >= size) continue;
      const inY = p3 * x + qy + p5;
      const y0 = Math.floor(inY);
      if (y0 < -1 || y0 >= size) continue;
      const i = (y0 + 1) * side + x0 + 1;
      const fx = inX - x0;
      const fy = inY - y0;
      const gx = 1 - fx;
      const gy = 1 - fy;
      const m =
        gy * (gx * padded[i]! + fx * padded[i + 1]!) + fy * (gx * padded[i + side]! + fx * padded[i + side + 1]!);
      if (!(m > 0)) continue;
      offset[n] = (y * width + x) * 4;
      cell[n] = i;
      weight[4 * n] = gy * gx * m;
      weight[4 * n + 1] = gy * fx * m;
      weight[4 * n + 2] = fy * gx * m;
      weight[4 * n + 3] = fy * fx * m;
      n++;
    }
  }
  const planned = { size, base, offset: offset.slice(0, n), cell: cell.slice(0, n), weight: weight.slice(0, 4 * n) };
  return { width, height, ...planned, kernel: createBlendKernel(planned) };
}

/**
 * blendEdit(patch, layer, size, params) through `plan` (its patch, mask and params): `layer` is size x size x 4, [change
 * R, G, B in byte units, mask], and only the change is read (the mask is the plan's). The bytes, written into `out`
 * (width x height x 4; new when not given) and returned: the patch's own outside the plan, patch + change x mask
 * within it, rounded and clipped as blendEdit's, alpha 255. Sums the four weighted neighbours in another order than
 * blendEdit does, so a value that falls on a rounding tie may differ by 1.
 */
export function blendWithPlan(
  plan: BlendPlan,
  layer: Float32Array,
  out = new Uint8ClampedArray(plan.base.length),
): Uint8ClampedArray<ArrayBuffer> {
  const { size, base, offset, cell, weight, kernel } = plan;
  if (layer.length !== size * size * 4)
    throw new Error(`blendWithPlan: layer has ${layer.length} values, not ${size}²·4`);
  if (out.length !== base.length) throw new Error(`blendWithPlan: out has ${out.length} bytes, not ${base.length}`);
  // The kernel sums in f32, not f64: on a rounding tie its byte may differ by 1 from the loop's below.
  if (kernel) {
    kernel.blend(layer, out);
    return out;
  }
  // The change, R, G, B per cell, with a border of zeros (outside the crop it reads 0, as blendEdit's).
  const side = size + 2;
  const change = new Float64Array(side * side * 3);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const s = (j * size + i) * 4;
      const d = ((j + 1) * side + i + 1) * 3;
      change[d] = layer[s]!;
      change[d + 1] = layer[s + 1]!;
      change[d + 2] = layer[s + 2]!;
    }
  }
  out.set(base);
  const row = side * 3;
  const n = offset.length;
  for (let k = 0; k < n; k++) {
    const o = offset[k]!;
    const a = cell[k]! * 3; // top left; +3 top right, +row bottom left, +row+3 bottom right
    const b = a + row;
    const w = 4 * k;
    const w00 = weight[w]!;
    const w10 = weight[w + 1]!;
    const w01 = weight[w + 2]!;
    const w11 = weight[w + 3]!;
    out[o] = base[o]! + (w00 * change[a]! + w10 * change[a + 3]! + w01 * change[b]! + w11 * change[b + 3]!);
    out[o + 1] =
      base[o + 1]! + (w00 * change[a + 1]! + w10 * change[a + 4]! + w01 * change[b + 1]! + w11 * change[b + 4]!);
    out[o + 2] =
      base[o + 2]! + (w00 * change[a + 2]! + w10 * change[a + 5]! + w01 * change[b + 2]! + w11 * change[b + 5]!);
  }
  return out;
}
