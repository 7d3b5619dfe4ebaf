// blendWithPlan's per-frame loop as a WebAssembly SIMD kernel (blendKernel.wat): one planned pixel's R, G, B in one
// f32x4, several times faster than the JS loop (bench/results/choices.md).
// Each plan gets its own instance, whose memory holds the plan's arrays, copied in once; a frame writes only its change.
import { BLEND_KERNEL_WASM } from './blendKernelWasm';

/** A plan's kernel: blend(layer, out) writes blendWithPlan(plan, layer)'s bytes into `out`. */
export interface BlendKernel {
  /** `layer` is size x size x 4 (change R, G, B, mask; the mask is ignored); `out` holds the patch's bytes. */
  blend(layer: Float32Array, out: Uint8ClampedArray): void;
}

/** What a plan hands its kernel: the patch's bytes (alpha 255) and, per planned pixel, blendPlan's offset, cell, weights. */
export interface KernelInputs {
  size: number;
  base: Uint8ClampedArray;
  offset: Int32Array;
  cell: Int32Array;
  weight: Float64Array;
}

interface KernelExports {
  memory: WebAssembly.Memory;
  blend(n: number, offsets: number, cells: number, weights: number, base: number, out: number, rowBytes: number): void;
}

const PAGE = 65536;

// Compiled once, on the first plan; null where WebAssembly or its SIMD is missing (the plan then blends in JS).
let compiled: WebAssembly.Module | null | undefined;

/** The kernel's module bytes, decoded from the generated base64. */
export function kernelBytes() {
  const text = atob(BLEND_KERNEL_WASM);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = kernelBytes();
    // A module of a few hundred bytes: compiling it synchronously is allowed in a page's main thread too. A policy
    // that forbids compiling WebAssembly leaves the JS loop.
    try {
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A kernel for the plan made of `inputs`, or null where WebAssembly SIMD is not available. Its memory belongs to the
 * kernel alone and is freed with it when the plan is garbage-collected: there is nothing to dispose.
 */
export function createBlendKernel(inputs: KernelInputs): BlendKernel | null {
  const module = kernelModule();
  if (!module) return null;
  const { size, base, offset, cell, weight } = inputs;
  const n = offset.length;
  const side = size + 2;
  const rowBytes = side * 16; // a row of padded cells, 4 f32 each
  // Layout, each part 16-byte aligned: change | base | out | offsets | cells | weights.
  const up = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const changeAt = 0;
  const baseAt = changeAt + side * rowBytes;
  const outAt = baseAt + up(base.length);
  const offsetsAt = outAt + up(base.length);
  const cellsAt = offsetsAt + up(4 * n);
  const weightsAt = cellsAt + up(4 * n);
  const end = weightsAt + 16 * n;
  const { exports } = new WebAssembly.Instance(module);
  const { memory, blend } = exports as unknown as KernelExports;
  const pages = Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
  // The buffer is final now (it is only replaced when memory grows).
  const buffer = memory.buffer;
  new Uint8Array(buffer, baseAt, base.length).set(base);
  // Outside the plan, out keeps base's bytes for good; within it, every frame rewrites all four bytes.
  new Uint8Array(buffer, outAt, base.length).set(base);
  new Int32Array(buffer, offsetsAt, n).set(offset);
  const cells = new Int32Array(buffer, cellsAt, n);
  for (let k = 0; k < n; k++) cells[k] = changeAt + cell[k]! * 16;
  new Float32Array(buffer, weightsAt, 4 * n).set(weight);
  // The change's border of zeros is never written, so it stays 0 (outside the crop it reads 0, as blendEdit's).
  const change = new Float32Array(buffer, changeAt, side * side * 4);
  const out = new Uint8ClampedArray(buffer, outAt, base.length);
  return {
    blend(layer, into) {
      for (let j = 0; j < size; j++)
        change.set(layer.subarray(j * size * 4, (j + 1) * size * 4), ((j + 1) * side + 1) * 4);
      blend(n, offsetsAt, cellsAt, weightsAt, baseAt, outAt, rowBytes);
      into.set(out);
    },
  };
}
