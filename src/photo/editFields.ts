// What an edit does to the photo, said in the photo's own terms: where its pixels move (the flow), how their colour
// changes (a gain per channel), and what is left that neither explains (a residual). Pure math on the model-size
// generations, a few milliseconds a frame; warpBlend.ts applies the fields to the photo at its own resolution.
//
// With B the unedited generation, E the edited one and w the flow (E(x) ≈ B(x + w(x))): Bw = B read through the flow,
// gain = ((low(Y_E) + K) / (low(Y_Bw) + K))^DETAIL_POWER on luminance (low: a blur to the scale the model resolves; K keeps
// near-black from turning a small change into a huge ratio), residual = low(E - gain · Bw) per channel. The photo P
// becomes P(x + w) · gain + residual: moved with the features, its contrast scaled with the edit's brightness (every
// strand's detail kept, not painted over) and its colour shifted smoothly to the edit's. One gain for all channels:
// per-channel ratios of two 64 px images vary independently and paint rainbow blotches into hair. Where E = B the
// fields are (0, 0, 1, 0, 0, 0) and the photo comes back exactly.
import { blur5, editFlow, FLOW_ITERATIONS, warpChannel } from './editFlow';
import { smoothstep } from './pasteBack';
import { borrowTexture } from './textureSource';

/** Channels per field pixel: flow u, v (model pixels), gain, residual R, G, B (byte units). */
export const FIELD_CHANNELS = 6;
/** K of the gain (byte units) and its bounds. */
export const GAIN_SOFTENING = 16;
export const GAIN_RANGE = [1 / 4, 5] as const;
/**
 * The photo's detail is scaled by gain^DETAIL_POWER, not the full gain: lightening dark hair by 3x while scaling its
 * strands' contrast 3x makes it look metallic; the offset (the residual) still brings its mean to the edit's.
 */
export const DETAIL_POWER = 0.6;

/** The identity fields' values (no move, gain 1, nothing added). */
export const IDENTITY_FIELD = [0, 0, 1, 0, 0, 0] as const;

/** One channel `c` of an interleaved size² x n image. */
function channel(src: Float32Array, n: number, c: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let p = 0; p < out.length; p++) out[p] = src[n * p + c]!;
  return out;
}

/**
 * Below these the fields are the identity (smoothly: 0 up to the first value, full from the second): a flow of a
 * tenth of a model pixel is a sub-pixel shift of the photo's detail at its own size, resampled and so blurred, where
 * the edit moves nothing; a gain of 1.01 or a residual of one level is noise of the two generations, not the edit.
 */
/**
 * Where the generation changes by at least FADE_FULL (byte units, mean over channels, blurred), the photo's own
 * colour at the scale the model resolves is replaced by the generation's (the lift, below); from FADE_START down, it
 * is the photo's. An edit that only recoloured and moved the photo's pixels stayed weaker than the generator's own:
 * hair the generator makes light blonde came out the photo's dark hair lightened.
 */
export const FADE_START = 8;
export const FADE_FULL = 24;

export const FLOW_DEAD_ZONE = [0.2, 0.5] as const;
export const GAIN_DEAD_ZONE = [0.02, 0.06] as const;
export const RESIDUAL_DEAD_ZONE = [1, 3] as const;

const ramp = (v: number, [a, b]: readonly [number, number]) => smoothstep((v - a) / (b - a));

/**
 * How far in from the person's outline (model pixels) the flow fades to nothing. The matte keeps the edit's weight to
 * the person, but a flow that moves the outline itself (hair shrinking, a jaw narrowing) would show, just inside the
 * matte's edge, background pulled in or hair pushed out against the unmoved photo outside it: a pale bulge or a line
 * around the head (seen on the README's portrait, Male +). The outline stays where the photo has it; the colour edits
 * still reach it (holdInside).
 */
export const OUTLINE_FADE = 2;

/** `values` (size x size) eroded by one pixel: each the least of its 3 x 3 neighbourhood (clamped at the border). */
function erode(values: Float32Array, size: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let m = Infinity;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = Math.min(size - 1, Math.max(0, y + dy));
        for (let dx = -1; dx <= 1; dx++) {
          const xx = Math.min(size - 1, Math.max(0, x + dx));
          m = Math.min(m, values[yy * size + xx]!);
        }
      }
      out[y * size + x] = m;
    }
  }
  return out;
}

/** The person matte eroded OUTLINE_FADE pixels: 0 on and near the outline, as it was further in. */
function insideOutline(person: Float32Array, size: number): Float32Array {
  let inside = person;
  for (let k = 0; k < OUTLINE_FADE; k++) inside = erode(inside, size);
  return inside;
}

/**
 * Near the outline (where `inside` is under a half), each of `planes` takes the mean of its neighbours further in,
 * ring by ring, OUTLINE_FADE + 1 rings: the colour change on the person's edge is the one just inside it. The
 * generator's own outline rarely falls where the photo's does, and its gain and residual there (its hair against its
 * background) would darken or lighten a thin rim of the photo's hair.
 */
function holdInside(planes: Float32Array[], inside: Float32Array, size: number): void {
  let valid = Uint8Array.from(inside, (v) => (v >= 0.5 ? 1 : 0));
  for (let ring = 0; ring <= OUTLINE_FADE; ring++) {
    const next = valid.slice();
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = y * size + x;
        if (valid[p]) continue;
        let count = 0;
        const sums = planes.map(() => 0);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy < 0 || yy >= size || xx < 0 || xx >= size || !valid[yy * size + xx]) continue;
            count++;
            planes.forEach((plane, i) => (sums[i]! += plane[yy * size + xx]!));
          }
        }
        if (count === 0) continue;
        planes.forEach((plane, i) => (plane[p] = sums[i]! / count));
        next[p] = 1;
      }
    }
    valid = next;
  }
}

/** The dead zones applied in place: what the edit does not really change comes back exactly as the photo. */
function settle(u: Float32Array, v: Float32Array, g: Float32Array, resid: Float32Array[]): void {
  for (let p = 0; p < u.length; p++) {
    const k = ramp(Math.hypot(u[p]!, v[p]!), FLOW_DEAD_ZONE);
    u[p] = u[p]! * k;
    v[p] = v[p]! * k;
    g[p] = 1 + (g[p]! - 1) * ramp(Math.abs(g[p]! - 1), GAIN_DEAD_ZONE);
    for (const r of resid) r[p] = r[p]! * ramp(Math.abs(r[p]!), RESIDUAL_DEAD_ZONE);
  }
}

/**
 * The lift added to the residual in place: alpha · gain · lift read through the flow, blurred once, alpha rising from
 * 0 where the generation changes by FADE_START or less to 1 from FADE_FULL (a smoothstep of its blurred size).
 */
function addLift(
  base: Float32Array,
  edited: Float32Array,
  lift: Float32Array,
  u: Float32Array,
  v: Float32Array,
  g: Float32Array,
  resid: Float32Array[],
  size: number,
): void {
  const n = size * size;
  const mag = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let m = 0;
    for (let c = 0; c < 3; c++) m += Math.abs(edited[3 * p + c]! - base[3 * p + c]!);
    mag[p] = m / 3;
  }
  const alpha = blur5(blur5(mag, size, size), size, size);
  for (let p = 0; p < n; p++) alpha[p] = ramp(alpha[p]!, [FADE_START, FADE_FULL]);
  const moved = warp(lift, u, v, size);
  for (let c = 0; c < 3; c++) {
    const term = new Float32Array(n);
    for (let p = 0; p < n; p++) term[p] = alpha[p]! * g[p]! * moved[c]![p]!;
    const soft = blur5(term, size, size);
    for (let p = 0; p < n; p++) resid[c]![p] = resid[c]![p]! + soft[p]!;
  }
}

/** `rgb` (size x size x 3) read through the flow, as three planes. */
function warp(rgb: Float32Array, u: Float32Array, v: Float32Array, size: number): Float32Array[] {
  return [0, 1, 2].map((c) => warpChannel(channel(rgb, 3, c, size), size, size, { u, v }));
}

/** Three planes -> one interleaved size x size x 3 image. */
function interleave(planes: Float32Array[], size: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  for (let p = 0; p < size * size; p++) for (let c = 0; c < 3; c++) out[3 * p + c] = planes[c]![p]!;
  return out;
}

/**
 * The fields of the edit from `base` to `edited` (both size x size x 3 in byte units) on the edit layer's canvas:
 * (size + 2 margin)² x FIELD_CHANNELS, the crop at (margin, margin) and its edge values carried outward (the mask fades
 * the edit out there). `person` (size², 1 on the person; null: everywhere) is where new content may borrow its
 * texture from, and `forehead` the rows above the brows, where it may (textureSource.ts); near its outline the flow
 * fades to nothing and the colour change is the one found just inside (OUTLINE_FADE). `lift` (size² x 3, or null)
 * is G(base) - T, T the photo's aligned crop at the model's size, times how much of each crop pixel the photo covers:
 * where the edit is large, the residual also brings the photo's colour to the generation's (FADE_START).
 * `flowIterations`: editFlow's, per level. When `base` is `edited` (the same array), the identity everywhere.
 */
export function editFields(
  base: Float32Array,
  edited: Float32Array,
  size: number,
  margin: number,
  person: Float32Array | null = null,
  forehead = 0,
  lift: Float32Array | null = null,
  flowIterations: readonly number[] = FLOW_ITERATIONS,
): Float32Array {
  const side = size + 2 * margin;
  const fields = new Float32Array(side * side * FIELD_CHANNELS);
  if (base === edited) {
    for (let p = 0; p < side * side; p++) fields.set(IDENTITY_FIELD, p * FIELD_CHANNELS);
    return fields;
  }
  const flow = editFlow(base, edited, size, flowIterations);
  const inside = person ? insideOutline(person, size) : null;
  if (inside) {
    for (let p = 0; p < inside.length; p++) {
      flow.u[p] = flow.u[p]! * inside[p]!;
      flow.v[p] = flow.v[p]! * inside[p]!;
    }
  }
  const n = size * size;
  let warped = warp(base, flow.u, flow.v, size);
  if (borrowTexture(base, edited, interleave(warped, size), flow.u, flow.v, person, size, forehead) > 0)
    warped = warp(base, flow.u, flow.v, size);
  const low = (a: Float32Array) => blur5(blur5(a, size, size), size, size);
  const lumaE = new Float32Array(n);
  const lumaB = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    lumaE[p] = 0.299 * edited[3 * p]! + 0.587 * edited[3 * p + 1]! + 0.114 * edited[3 * p + 2]!;
    lumaB[p] = 0.299 * warped[0]![p]! + 0.587 * warped[1]![p]! + 0.114 * warped[2]![p]!;
  }
  const lowE = low(lumaE);
  const lowB = low(lumaB);
  const g = new Float32Array(n);
  const [lo, hi] = GAIN_RANGE;
  for (let p = 0; p < n; p++) {
    const ratio = (lowE[p]! + GAIN_SOFTENING) / (lowB[p]! + GAIN_SOFTENING);
    g[p] = Math.min(hi, Math.max(lo, ratio)) ** DETAIL_POWER;
  }
  const resid: Float32Array[] = [];
  for (let c = 0; c < 3; c++) {
    const r = new Float32Array(n);
    for (let p = 0; p < n; p++) r[p] = edited[3 * p + c]! - g[p]! * warped[c]![p]!;
    resid.push(low(r));
  }
  if (lift) addLift(base, edited, lift, flow.u, flow.v, g, resid, size);
  if (inside) holdInside([g, ...resid], inside, size);
  settle(flow.u, flow.v, g, resid);
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  for (let y = 0; y < side; y++) {
    const sy = clamp(y - margin);
    for (let x = 0; x < side; x++) {
      const s = sy * size + clamp(x - margin);
      const o = (y * side + x) * FIELD_CHANNELS;
      fields[o] = flow.u[s]!;
      fields[o + 1] = flow.v[s]!;
      fields[o + 2] = g[s]!;
      for (let c = 0; c < 3; c++) fields[o + 3 + c] = resid[c]![s]!;
    }
  }
  return fields;
}
