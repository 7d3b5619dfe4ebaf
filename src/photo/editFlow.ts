// Where an edit moves things: a dense flow between the unedited and the edited generation (the model's size, a few
// thousand pixels), so that the photo's own pixels can be moved with the features instead of a blurry difference
// being added on top of them (which leaves the photo's mouth showing through a new one).
//
// Horn and Schunck's smooth flow, solved coarse to fine (16, 32, 64 px for a 64 px model) with the unedited image
// warped by the flow so far at each level. Brightness constancy is asked of a contrast-normalised luminance (each
// pixel's difference from its neighbourhood's mean, over the neighbourhood's spread), so that a change of colour or
// brightness (Blonde) is not read as motion; only structure that moves is.

/** Horn and Schunck's smoothness weight (alpha², on the normalised luminance) and iterations per level, coarse first. */
export const FLOW_SMOOTHNESS = 0.5;
export const FLOW_ITERATIONS = [60, 40, 25] as const;
/** For live video, where a frame has about 60 ms in all and the next frame's flow follows this one's edit closely. */
export const LIVE_FLOW_ITERATIONS = [24, 16, 10] as const;
/** The flow is clamped to this share of the image's side: features move by a few pixels, not across the face. */
export const FLOW_MAX_SHARE = 0.08;

/** A size x size flow in pixels: E(x, y) ≈ B(x + u, y + v), B the unedited image and E the edited one. */
export interface Flow {
  u: Float32Array;
  v: Float32Array;
}

const clampIndex = (i: number, n: number) => (i < 0 ? 0 : i >= n ? n - 1 : i);

/** Luminance of a size x size x 3 image. */
export function luminance(rgb: Float32Array, size: number): Float32Array {
  const y = new Float32Array(size * size);
  for (let p = 0; p < y.length; p++) y[p] = 0.299 * rgb[3 * p]! + 0.587 * rgb[3 * p + 1]! + 0.114 * rgb[3 * p + 2]!;
  return y;
}

/** A single-channel image blurred by the 5-tap binomial kernel [1 4 6 4 1] / 16 each way, edges repeated. */
export function blur5(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const a = src[row + clampIndex(x - 2, w)]! + src[row + clampIndex(x + 2, w)]!;
      const b = src[row + clampIndex(x - 1, w)]! + src[row + clampIndex(x + 1, w)]!;
      tmp[row + x] = (a + 4 * b + 6 * src[row + x]!) / 16;
    }
  }
  for (let y = 0; y < h; y++) {
    const r0 = clampIndex(y - 2, h) * w;
    const r1 = clampIndex(y - 1, h) * w;
    const r3 = clampIndex(y + 1, h) * w;
    const r4 = clampIndex(y + 2, h) * w;
    for (let x = 0; x < w; x++)
      out[y * w + x] = (tmp[r0 + x]! + tmp[r4 + x]! + 4 * (tmp[r1 + x]! + tmp[r3 + x]!) + 6 * tmp[y * w + x]!) / 16;
  }
  return out;
}

/** (Y - mean) / (spread + 8), mean and spread over a blur5 neighbourhood: structure, without its contrast or level. */
export function structure(y: Float32Array, w: number, h: number): Float32Array {
  const mean = blur5(y, w, h);
  const sq = new Float32Array(y.length);
  for (let p = 0; p < y.length; p++) sq[p] = (y[p]! - mean[p]!) ** 2;
  const spread = blur5(sq, w, h);
  const out = new Float32Array(y.length);
  for (let p = 0; p < y.length; p++) out[p] = (y[p]! - mean[p]!) / (Math.sqrt(spread[p]!) + 8);
  return out;
}

/** Half-size image (2 x 2 means); sides must be even. */
function halve(src: Float32Array, w: number, h: number): Float32Array {
  const hw = w >> 1;
  const hh = h >> 1;
  const out = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++)
    for (let x = 0; x < hw; x++) {
      const i = 2 * y * w + 2 * x;
      out[y * hw + x] = (src[i]! + src[i + 1]! + src[i + w]! + src[i + w + 1]!) / 4;
    }
  return out;
}

/** `src` (w x h, one channel) read at (x + u, y + v) per pixel, bilinear, edges repeated. */
export function warpChannel(src: Float32Array, w: number, h: number, flow: Flow): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      out[p] = sampleBilinear(src, w, h, x + flow.u[p]!, y + flow.v[p]!);
    }
  return out;
}

/** `src` (w x h, one channel) at a point in pixel indices, bilinear, edges repeated. */
export function sampleBilinear(src: Float32Array, w: number, h: number, x: number, y: number): number {
  const cx = Math.min(w - 1, Math.max(0, x));
  const cy = Math.min(h - 1, Math.max(0, y));
  const x0 = Math.min(w - 2, Math.floor(cx));
  const y0 = Math.min(h - 2, Math.floor(cy));
  const fx = cx - x0;
  const fy = cy - y0;
  const i = y0 * w + x0;
  const top = src[i]! + fx * (src[i + 1]! - src[i]!);
  const bottom = src[i + w]! + fx * (src[i + w + 1]! - src[i + w]!);
  return top + fy * (bottom - top);
}

/** The flow doubled in size and length (coarse level -> the next finer one). */
function upsample(flow: Flow, w: number, h: number): Flow {
  const W = 2 * w;
  const H = 2 * h;
  const u = new Float32Array(W * H);
  const v = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sx = (x + 0.5) / 2 - 0.5;
      const sy = (y + 0.5) / 2 - 0.5;
      u[y * W + x] = 2 * sampleBilinear(flow.u, w, h, sx, sy);
      v[y * W + x] = 2 * sampleBilinear(flow.v, w, h, sx, sy);
    }
  return { u, v };
}

/** Horn-Schunck iterations at one level, refining `flow` in place: `b` is warped by the flow once, then linearised. */
function refine(b: Float32Array, e: Float32Array, w: number, h: number, flow: Flow, iterations: number): void {
  const bw = warpChannel(b, w, h, flow);
  const n = w * h;
  const ix = new Float32Array(n);
  const iy = new Float32Array(n);
  const it = new Float32Array(n);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      // Gradients of the mean of both images (warped unedited, edited): symmetric, steadier than either alone.
      const xl = y * w + clampIndex(x - 1, w);
      const xr = y * w + clampIndex(x + 1, w);
      const yu = clampIndex(y - 1, h) * w + x;
      const yd = clampIndex(y + 1, h) * w + x;
      ix[p] = (bw[xr]! - bw[xl]! + e[xr]! - e[xl]!) / 4;
      iy[p] = (bw[yd]! - bw[yu]! + e[yd]! - e[yu]!) / 4;
      it[p] = e[p]! - bw[p]!;
    }
  const u0 = flow.u.slice();
  const v0 = flow.v.slice();
  const { u, v } = flow;
  const a2 = FLOW_SMOOTHNESS;
  for (let k = 0; k < iterations; k++) {
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const l = y * w + clampIndex(x - 1, w);
        const r = y * w + clampIndex(x + 1, w);
        const t = clampIndex(y - 1, h) * w + x;
        const d = clampIndex(y + 1, h) * w + x;
        const ub = (u[l]! + u[r]! + u[t]! + u[d]!) / 4;
        const vb = (v[l]! + v[r]! + v[t]! + v[d]!) / 4;
        // The data term is linear in the change from the flow the warp used (u0, v0): E ≈ B_warped + ∇B · change.
        const gx = ix[p]!;
        const gy = iy[p]!;
        const resid = gx * (ub - u0[p]!) + gy * (vb - v0[p]!) - it[p]!;
        const q = resid / (a2 + gx * gx + gy * gy);
        u[p] = ub - gx * q;
        v[p] = vb - gy * q;
      }
  }
}

/**
 * The flow that carries the unedited image `base` onto the edited one `edited` (both size x size x 3, any units):
 * edited(x, y) ≈ base(x + u, y + v). `size` must be divisible by 4. `iterations`: per level, coarse first (fewer for
 * live video, LIVE_FLOW_ITERATIONS).
 */
export function editFlow(
  base: Float32Array,
  edited: Float32Array,
  size: number,
  iterations: readonly number[] = FLOW_ITERATIONS,
): Flow {
  if (size % 4 !== 0) throw new Error(`editFlow: size ${size} is not divisible by 4`);
  let b = structure(luminance(base, size), size, size);
  let e = structure(luminance(edited, size), size, size);
  const levels: [Float32Array, Float32Array, number][] = [[b, e, size]];
  for (let s = size; s > size / 4; s /= 2) {
    b = halve(b, s, s);
    e = halve(e, s, s);
    levels.unshift([b, e, s / 2]);
  }
  const first = levels[0]![2];
  let flow: Flow = { u: new Float32Array(first * first), v: new Float32Array(first * first) };
  levels.forEach(([lb, le, s], i) => {
    if (i > 0) flow = upsample(flow, s / 2, s / 2);
    refine(lb, le, s, s, flow, iterations[i] ?? iterations[iterations.length - 1]!);
  });
  const max = FLOW_MAX_SHARE * size;
  for (let p = 0; p < flow.u.length; p++) {
    const len = Math.hypot(flow.u[p]!, flow.v[p]!);
    if (len > max) {
      flow.u[p] = (flow.u[p]! * max) / len;
      flow.v[p] = (flow.v[p]! * max) / len;
    }
  }
  return flow;
}
