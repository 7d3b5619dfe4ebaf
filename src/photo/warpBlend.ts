// The edit applied to the photo at its own resolution: each pixel of a patch of the photo reads the edit's fields
// (editFields.ts: flow, gain, residual, on the edit layer's canvas in model pixels) through the inverse alignment, is
// replaced by the photo read where the flow says the feature came from, times the gain, plus the residual, and blended
// in by the paste-back mask times the person matte. Where that weight is 0 the photo's own bytes come back exactly.
//
// A plan holds what does not change while a photo is open (which pixels are edited, where each reads the fields, its
// weight); a frame is then one pass over the planned pixels. Plans are made for a band of rows at a time, so that a
// full-resolution download never holds per-pixel arrays for the whole region. A whole-patch plan (a live frame's)
// warps in WebAssembly SIMD where it can (warpKernel.ts); the JS loop below is its fallback and reference, and warps
// the bands, whose bytes stay exactly the loop's.
import { FIELD_CHANNELS } from './editFields';
import { createWarpKernel, type WarpKernel } from './warpKernel';

/** RGBA bytes of an image (ImageData's shape). */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What a frame needs besides its fields: see createWarpPlan. */
export interface WarpPlan {
  width: number;
  height: number;
  /** The patch's bytes: for a whole-patch plan a copy with alpha 255; for a band, the patch's own (read only). */
  base: Uint8ClampedArray;
  /** The plan covers every row: a frame starts from its base's bytes. */
  whole: boolean;
  /** The fields' canvas side. */
  side: number;
  /** Layer displacement -> patch displacement (the inverse of the patch -> layer map's linear part): [a, b, c, d]. */
  jacobian: [number, number, number, number];
  /** Per planned pixel: its index in the patch, its top-left field pixel, where it falls in that cell, its weight. */
  pixel: Int32Array;
  cell: Int32Array;
  fx: Float32Array;
  fy: Float32Array;
  weight: Float32Array;
  /**
   * The same warp in WebAssembly SIMD (warpKernel.ts), with its own copy of the above: a whole-patch plan's, null for
   * a band or where WebAssembly SIMD is unavailable. It computes in f32, not f64: on a rounding tie a byte may differ
   * by 1.
   */
  kernel: WarpKernel | null;
}

/**
 * The plan of blending fields of a side x side canvas into `patch`, for rows [rowStart, rowEnd): `params` maps a
 * patch pixel index to the canvas's (patchToCrop's projective form: x_in = p0 x + p1 y + p2, y_in = p3 x + p4 y + p5;
 * a canvas pixel's value sits at its index); `mask` (side², [0, 1]) is the paste-back mask on the canvas, read
 * bilinearly; `matte` (patch-sized, [0, 1], or null for none) the person matte on the patch's own pixels.
 */
export function createWarpPlan(
  patch: RgbaPixels,
  mask: Float32Array,
  side: number,
  params: readonly number[],
  matte: Float32Array | null,
  rows?: [number, number],
): WarpPlan {
  const { width, height, data } = patch;
  if (mask.length !== side * side) throw new Error(`createWarpPlan: mask has ${mask.length} values, not ${side}²`);
  if (matte && matte.length !== width * height)
    throw new Error(`createWarpPlan: matte has ${matte.length} values, not ${width} x ${height}`);
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0] = params;
  const det = p0 * p4 - p1 * p3;
  if (det === 0) throw new Error('createWarpPlan: the alignment is singular');
  let base = data;
  if (!rows) {
    base = new Uint8ClampedArray(data);
    for (let o = 3; o < base.length; o += 4) base[o] = 255;
  }
  const [r0, r1] = rows ?? [0, height];
  const count = Math.max(0, r1 - r0) * width;
  const pixel = new Int32Array(count);
  const cell = new Int32Array(count);
  const fx = new Float32Array(count);
  const fy = new Float32Array(count);
  const weight = new Float32Array(count);
  let n = 0;
  const last = side - 1;
  for (let y = r0; y < r1; y++) {
    for (let x = 0; x < width; x++) {
      const inX = p0 * x + p1 * y + p2;
      const inY = p3 * x + p4 * y + p5;
      // Outside the canvas the mask is 0 (faceMask is 0 within an edge width of its border).
      if (!(inX > -1 && inX < side && inY > -1 && inY < side)) continue;
      const cx = Math.min(last, Math.max(0, inX));
      const cy = Math.min(last, Math.max(0, inY));
      const x0 = Math.min(last - 1, Math.floor(cx));
      const y0 = Math.min(last - 1, Math.floor(cy));
      const ax = cx - x0;
      const ay = cy - y0;
      const i = y0 * side + x0;
      const top = mask[i]! + ax * (mask[i + 1]! - mask[i]!);
      const bottom = mask[i + side]! + ax * (mask[i + side + 1]! - mask[i + side]!);
      const m = (top + ay * (bottom - top)) * (matte ? matte[y * width + x]! : 1);
      if (!(m > 1e-3)) continue;
      pixel[n] = y * width + x;
      cell[n] = i;
      fx[n] = ax;
      fy[n] = ay;
      weight[n] = Math.min(1, m);
      n++;
    }
  }
  const planned: Omit<WarpPlan, 'kernel'> = {
    width,
    height,
    base,
    whole: !rows,
    side,
    jacobian: [p4 / det, -p1 / det, -p3 / det, p0 / det],
    pixel: pixel.slice(0, n),
    cell: cell.slice(0, n),
    fx: fx.slice(0, n),
    fy: fy.slice(0, n),
    weight: weight.slice(0, n),
  };
  return { ...planned, kernel: rows ? null : createWarpKernel(planned) };
}

/**
 * The patch with the edit whose fields are `fields` ((side² x FIELD_CHANNELS, editFields.ts), written into `out`
 * (the patch's size, RGBA; new when not given) and returned: the patch's own bytes outside the plan, within it
 * base + weight · (base(x + flow) · gain + residual - base), the flow carried into the patch's pixels by the
 * alignment; rounded and clipped to bytes, alpha 255. A band's plan writes only its edited pixels into `out`.
 */
export function warpWithPlan(plan: WarpPlan, fields: Float32Array, into?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height, base, side, jacobian, pixel, cell, fx, fy, weight, kernel } = plan;
  const out = into ?? (kernel ? new Uint8ClampedArray(base.length) : new Uint8ClampedArray(base));
  if (fields.length !== side * side * FIELD_CHANNELS)
    throw new Error(`warpWithPlan: fields have ${fields.length} values, not ${side}²·${FIELD_CHANNELS}`);
  if (out.length !== base.length) throw new Error(`warpWithPlan: out has ${out.length} bytes, not ${base.length}`);
  if (kernel) {
    kernel.warp(fields, out);
    return out;
  }
  if (plan.whole && into) out.set(base);
  const [ja, jb, jc, jd] = jacobian;
  const C = FIELD_CHANNELS;
  const down = side * C;
  const xMax = width - 1;
  const yMax = height - 1;
  const row = width * 4;
  const n = pixel.length;
  for (let k = 0; k < n; k++) {
    // The fields at this pixel: bilinear between the four field pixels around it, channel by channel (unrolled).
    const a = cell[k]! * C;
    const b = a + down;
    const ax = fx[k]!;
    const ay = fy[k]!;
    const w00 = (1 - ax) * (1 - ay);
    const w10 = ax * (1 - ay);
    const w01 = (1 - ax) * ay;
    const w11 = ax * ay;
    const u = w00 * fields[a]! + w10 * fields[a + C]! + w01 * fields[b]! + w11 * fields[b + C]!;
    const v = w00 * fields[a + 1]! + w10 * fields[a + C + 1]! + w01 * fields[b + 1]! + w11 * fields[b + C + 1]!;
    const g = w00 * fields[a + 2]! + w10 * fields[a + C + 2]! + w01 * fields[b + 2]! + w11 * fields[b + C + 2]!;
    const rr = w00 * fields[a + 3]! + w10 * fields[a + C + 3]! + w01 * fields[b + 3]! + w11 * fields[b + C + 3]!;
    const rg = w00 * fields[a + 4]! + w10 * fields[a + C + 4]! + w01 * fields[b + 4]! + w11 * fields[b + C + 4]!;
    const rb = w00 * fields[a + 5]! + w10 * fields[a + C + 5]! + w01 * fields[b + 5]! + w11 * fields[b + C + 5]!;
    const p = pixel[k]!;
    const y = (p / width) | 0;
    const x = p - y * width;
    // Where the feature now at this pixel was in the photo: the flow, in the patch's pixels.
    let sx = x + ja * u + jb * v;
    let sy = y + jc * u + jd * v;
    sx = sx < 0 ? 0 : sx > xMax ? xMax : sx;
    sy = sy < 0 ? 0 : sy > yMax ? yMax : sy;
    // Patches are at least 2 x 2 wherever a face region is edited: x0 + 1 and y0 + 1 exist.
    const x0 = sx >= xMax ? xMax - 1 : sx | 0;
    const y0 = sy >= yMax ? yMax - 1 : sy | 0;
    const bx = sx - x0;
    const by = sy - y0;
    const s = y0 * row + x0 * 4;
    const t = s + row;
    const v00 = (1 - bx) * (1 - by);
    const v10 = bx * (1 - by);
    const v01 = (1 - bx) * by;
    const v11 = bx * by;
    const o = p * 4;
    const wt = weight[k]!;
    const mr = v00 * base[s]! + v10 * base[s + 4]! + v01 * base[t]! + v11 * base[t + 4]!;
    const mg = v00 * base[s + 1]! + v10 * base[s + 5]! + v01 * base[t + 1]! + v11 * base[t + 5]!;
    const mb = v00 * base[s + 2]! + v10 * base[s + 6]! + v01 * base[t + 2]! + v11 * base[t + 6]!;
    const r0 = base[o]!;
    const g0 = base[o + 1]!;
    const b0 = base[o + 2]!;
    out[o] = r0 + wt * (mr * g + rr - r0);
    out[o + 1] = g0 + wt * (mg * g + rg - g0);
    out[o + 2] = b0 + wt * (mb * g + rb - b0);
    out[o + 3] = 255;
  }
  return out;
}

/**
 * warpWithPlan over the whole patch, planned a band of rows at a time (a full-resolution region never holds
 * per-pixel arrays for all of itself). New bytes.
 */
export function warpBlend(
  patch: RgbaPixels,
  fields: Float32Array,
  mask: Float32Array,
  side: number,
  params: readonly number[],
  matte: Float32Array | null,
  band = 128,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(patch.data);
  for (let o = 3; o < out.length; o += 4) out[o] = 255;
  for (let y = 0; y < patch.height; y += band) {
    const plan = createWarpPlan(patch, mask, side, params, matte, [y, Math.min(patch.height, y + band)]);
    warpWithPlan(plan, fields, out);
  }
  return out;
}
