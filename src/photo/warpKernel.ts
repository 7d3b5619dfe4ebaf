// warpWithPlan's per-frame loop as a WebAssembly SIMD kernel (warpKernel.wat): one planned pixel's R, G, B in one
// f32x4, several times faster than the JS loop (bench/results/choices.md), which stays the fallback and the reference.
// Each whole-patch plan gets its own instance, whose memory holds the plan's arrays, copied in once; a frame copies
// in only its fields.
import { FIELD_CHANNELS } from './editFields';
import { WARP_KERNEL_WASM } from './warpKernelWasm';

/** A plan's kernel: warp(fields, out) writes warpWithPlan(plan, fields)'s bytes into `out`. */
export interface WarpKernel {
  /** `fields` is side² x FIELD_CHANNELS (editFields.ts); `out` (the patch's size, RGBA) is overwritten whole. */
  warp(fields: Float32Array, out: Uint8ClampedArray): void;
}

/** What a whole-patch plan hands its kernel (warpBlend.ts's WarpPlan): `base` has alpha 255. */
export interface WarpKernelInputs {
  width: number;
  height: number;
  base: Uint8ClampedArray;
  side: number;
  jacobian: readonly [number, number, number, number];
  pixel: Int32Array;
  cell: Int32Array;
  fx: Float32Array;
  fy: Float32Array;
  weight: Float32Array;
}

interface KernelExports {
  memory: WebAssembly.Memory;
  warp(
    n: number,
    records: number,
    base: number,
    out: number,
    width: number,
    height: number,
    fieldRow: number,
    ja: number,
    jb: number,
    jc: number,
    jd: number,
  ): void;
}

const PAGE = 65536;
/** Bytes per field pixel in the kernel's memory: [u, v, gain, 0, residual R, G, B, 0] as f32. */
const FIELD_BYTES = 32;
/** Bytes per planned pixel: f32 x, y, fx, fy; i32 byte offset, i32 field address; f32 weight; unused. */
const RECORD_BYTES = 32;

// Compiled once, on the first plan; null where WebAssembly or its SIMD is missing (plans then warp in JS).
let compiled: WebAssembly.Module | null | undefined;

/** The kernel's module bytes, decoded from the generated base64. */
export function kernelBytes() {
  const text = atob(WARP_KERNEL_WASM);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    // A module of about a kilobyte: compiling it synchronously is allowed in a page's main thread too. A policy that
    // forbids compiling WebAssembly leaves the JS loop.
    try {
      const bytes = kernelBytes();
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A kernel for the whole-patch plan made of `inputs`, or null where WebAssembly SIMD is not available (or the patch
 * is under 2 x 2, or 2^23 pixels a side, which the JS loop alone handles). Its memory belongs to the kernel alone and
 * is freed with it when the plan is garbage-collected: there is nothing to dispose.
 */
export function createWarpKernel(inputs: WarpKernelInputs): WarpKernel | null {
  const { width, height, base, side, jacobian, pixel, cell, fx, fy, weight } = inputs;
  if (width < 2 || height < 2 || Math.max(width, height) >= 2 ** 23) return null;
  const module = kernelModule();
  if (!module) return null;
  const n = pixel.length;
  const up = (bytes: number) => Math.ceil(bytes / 16) * 16;
  // Layout: fields | base | out | records.
  const fieldsAt = 0;
  const baseAt = fieldsAt + side * side * FIELD_BYTES;
  const outAt = baseAt + up(base.length);
  const recordsAt = outAt + up(base.length);
  const end = recordsAt + n * RECORD_BYTES;
  let exports: KernelExports;
  try {
    exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    const pages = Math.ceil(end / PAGE) - exports.memory.buffer.byteLength / PAGE;
    if (pages > 0) exports.memory.grow(pages);
  } catch {
    return null; // more memory than the page may have: the JS loop needs none
  }
  // The buffer is final now (it is only replaced when memory grows).
  const buffer = exports.memory.buffer;
  new Uint8Array(buffer, baseAt, base.length).set(base);
  // Outside the plan, out keeps base's bytes for good; within it, every frame rewrites all four bytes.
  new Uint8Array(buffer, outAt, base.length).set(base);
  const f32 = new Float32Array(buffer, recordsAt, (n * RECORD_BYTES) / 4);
  const i32 = new Int32Array(buffer, recordsAt, (n * RECORD_BYTES) / 4);
  for (let k = 0; k < n; k++) {
    const r = (k * RECORD_BYTES) / 4;
    const p = pixel[k]!;
    const y = (p / width) | 0;
    f32[r] = p - y * width;
    f32[r + 1] = y;
    f32[r + 2] = fx[k]!;
    f32[r + 3] = fy[k]!;
    i32[r + 4] = p * 4;
    i32[r + 5] = fieldsAt + cell[k]! * FIELD_BYTES;
    f32[r + 6] = weight[k]!;
  }
  // Lanes 3 and 7 of each field pixel are never written: they stay 0 (alpha gets no residual).
  const fields = new Float32Array(buffer, fieldsAt, (side * side * FIELD_BYTES) / 4);
  const out = new Uint8ClampedArray(buffer, outAt, base.length);
  const [ja, jb, jc, jd] = jacobian;
  const C = FIELD_CHANNELS; // [u, v, gain, residual R, G, B]: packed as [u, v, gain, 0, R, G, B, 0]
  return {
    warp(values, into) {
      for (let p = 0, s = 0, d = 0; p < side * side; p++, s += C, d += 8) {
        fields[d] = values[s]!;
        fields[d + 1] = values[s + 1]!;
        fields[d + 2] = values[s + 2]!;
        fields[d + 4] = values[s + 3]!;
        fields[d + 5] = values[s + 4]!;
        fields[d + 6] = values[s + 5]!;
      }
      exports.warp(n, recordsAt, baseAt, outAt, width, height, side * FIELD_BYTES, ja, jb, jc, jd);
      into.set(out);
    },
  };
}
