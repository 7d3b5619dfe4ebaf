/** Element-wise (1 - t) a + t b. Written this way (not a + t (b - a)) so t = 1 gives b bit-for-bit. */
export function lerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  assertSameLength(a, b);
  if (t === 0) return a.slice();
  if (t === 1) return b.slice();
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i]! + t * b[i]!;
  return out;
}

/**
 * Spherical interpolation: Gaussian latents live near a sphere, so slerp keeps the norm a face expects where lerp
 * would pull mid-points towards the origin (washed-out "average" faces). Falls back to lerp when a and b are
 * (anti-)colinear or either is zero, where the great circle is undefined.
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  assertSameLength(a, b);
  if (t === 0) return a.slice();
  if (t === 1) return b.slice();
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  const norms = Math.sqrt(na * nb);
  if (norms === 0) return lerp(a, b, t);
  const cos = Math.min(1, Math.max(-1, dot / norms));
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  if (sin < 1e-6) return lerp(a, b, t);
  const wa = Math.sin((1 - t) * omega) / sin;
  const wb = Math.sin(t * omega) / sin;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i]! + wb * b[i]!;
  return out;
}

function assertSameLength(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
}
