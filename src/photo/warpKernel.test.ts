import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Similarity } from './align';
import { FIELD_CHANNELS, IDENTITY_FIELD } from './editFields';
import { editMargin, extendSimilarity, faceMask, faceRegion, invertSimilarity, patchToCrop } from './pasteBack';
import { MODEL_LANDMARKS } from './testing/landmarks';
import { createWarpPlan, warpWithPlan, type RgbaPixels, type WarpPlan } from './warpBlend';
import { kernelBytes } from './warpKernel';

const RES = 64; // the celeba64 model's crop
const MARGIN = editMargin(RES);
const SIDE = RES + 2 * MARGIN; // the fields' canvas

/** A width x height photo patch with fine detail, and a few transparent pixels (a PNG): a frame makes them opaque. */
function pattern(width: number, height: number): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const [x, y] = [p % width, Math.floor(p / width)];
    for (let c = 0; c < 3; c++)
      data[4 * p + c] = 128 + 100 * Math.sin(x / 23 + c) * Math.cos(y / 31) + ((p * 7919) % 41);
    data[4 * p + 3] = p % 97 === 0 ? 0 : 255;
  }
  return { width, height, data };
}

/** A person matte on the patch: 1, 0 and everything between, in smooth blobs. */
function matteOf({ width, height }: RgbaPixels) {
  const matte = new Float32Array(width * height);
  for (let p = 0; p < matte.length; p++) {
    const [x, y] = [p % width, Math.floor(p / width)];
    matte[p] = Math.min(1, Math.max(0, 0.5 + 0.9 * Math.sin(x / 37) * Math.cos(y / 53)));
  }
  return matte;
}

/**
 * A live frame's plan, as PhotoEdit.create makes it: a 1600 x 1200 photo whose face (about `faceWidth` px, tilted by
 * `rot`) is aligned to the crop, its face region read at most 640 px on its longer side (the canvas reaches past the
 * photo's top, so planned pixels touch the patch's border), the real paste-back mask and a person matte.
 */
function facePlan(rot: number, faceWidth: number) {
  const s = faceWidth / RES;
  const t: Similarity = invertSimilarity({ a: s * Math.cos(rot), b: s * Math.sin(rot), tx: 620, ty: 380 });
  const canvas = extendSimilarity(t, MARGIN);
  const box = faceRegion(canvas, SIDE, 1600, 1200)!;
  const k = Math.min(1, 640 / Math.max(box.width, box.height));
  const patch = pattern(Math.round(box.width * k), Math.round(box.height * k));
  const inputs = [
    patch,
    faceMask(MODEL_LANDMARKS, RES, MARGIN),
    SIDE,
    patchToCrop(canvas, box, patch.width, patch.height),
    matteOf(patch),
  ] as const;
  return { patch, inputs, plan: createWarpPlan(...inputs) };
}

/** A 640 x 640 patch on the whole canvas, every pixel planned (mask 1), weighed by `matte` when given. */
function fullPlan(matte: boolean) {
  const patch = pattern(640, 640);
  const k = (SIDE - 1) / 639;
  const mask = new Float32Array(SIDE * SIDE).fill(1);
  return { patch, plan: createWarpPlan(patch, mask, SIDE, [k, 0, 0, 0, k, 0], matte ? matteOf(patch) : null) };
}

/**
 * Random-ish fields: flows of up to `flow` model pixels (a few patch pixels), gains 0.3 to 4, residuals ±60, smooth
 * with noise on top (seeded).
 */
function fieldsOf(flow = 0.6, seed = 1) {
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const fields = new Float32Array(SIDE * SIDE * FIELD_CHANNELS);
  for (let p = 0; p < SIDE * SIDE; p++) {
    const [x, y] = [p % SIDE, Math.floor(p / SIDE)];
    const f = p * FIELD_CHANNELS;
    fields[f] = flow * (0.7 * Math.sin(x / 5 + seed) + 0.6 * noise());
    fields[f + 1] = flow * (0.7 * Math.cos(y / 7 - seed) + 0.6 * noise());
    fields[f + 2] =
      0.3 + 3.7 * Math.min(1, Math.max(0, 0.5 + 0.5 * Math.sin(x / 9) * Math.cos(y / 11) + 0.3 * noise()));
    for (let c = 0; c < 3; c++) fields[f + 3 + c] = 60 * Math.sin(x / 6 + 2 * c) * Math.cos(y / 9 - c) * (1 + noise());
  }
  return fields;
}

const identity = () => {
  const fields = new Float32Array(SIDE * SIDE * FIELD_CHANNELS);
  for (let p = 0; p < SIDE * SIDE; p++) fields.set(IDENTITY_FIELD, p * FIELD_CHANNELS);
  return fields;
};

/** How far `got` is from `want`: the largest difference of a byte, and how many bytes differ. */
function byteDifferences(got: Uint8ClampedArray, want: Uint8ClampedArray) {
  expect(got.length).toBe(want.length);
  let worst = 0;
  let differ = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    worst = Math.max(worst, d);
    if (d > 0) differ++;
  }
  return { worst, differ };
}

/** The kernel's bytes against the JS loop's. */
function versusJs(plan: WarpPlan, fields: Float32Array) {
  expect(plan.kernel).not.toBeNull();
  const got = warpWithPlan(plan, fields);
  const want = warpWithPlan({ ...plan, kernel: null }, fields);
  return { got, want, ...byteDifferences(got, want) };
}

const onPath = (tool: string) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('the warp kernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each([
    [0, 420],
    [0.5, 900],
    [-0.3, 1400],
  ])("gives the JS loop's bytes (but for rare rounding ties): tilt %f, face %i px", (rot, faceWidth) => {
    const { plan } = facePlan(rot, faceWidth);
    expect(plan.pixel.length).toBeGreaterThan(50_000);
    const { got, worst, differ } = versusJs(plan, fieldsOf());
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
  });

  it('samples at the patch border, clips at 0 and 255 as the JS loop does, and keeps alpha 255', () => {
    for (const matte of [false, true]) {
      const { patch, plan } = fullPlan(matte);
      // Flows of up to about 20 patch pixels: many sources lie beyond the patch and are clamped to its border.
      const { got, want, worst, differ } = versusJs(plan, fieldsOf(2.5, 7));
      expect(worst).toBeLessThanOrEqual(1);
      expect(differ).toBeLessThan(0.001 * got.length);
      let low = 0;
      let high = 0;
      let translucent = 0;
      for (let p = 0; p < patch.width * patch.height; p++) {
        if (got[4 * p + 3] !== 255) translucent++;
        for (let c = 0; c < 3; c++) {
          if (got[4 * p + c] === 0) low += want[4 * p + c] === 0 ? 1 : 0;
          if (got[4 * p + c] === 255) high += want[4 * p + c] === 255 ? 1 : 0;
        }
      }
      expect(translucent).toBe(0);
      // Gains up to 4 and residuals of ±60 clip bytes both ways (fewer to 0 where the matte mixes in the photo's own).
      expect(low).toBeGreaterThan(100);
      expect(high).toBeGreaterThan(10_000);
    }
  });

  it('gives the patch back exactly under the identity fields, and leaves the pixels outside the plan alone', () => {
    for (const { patch, plan } of [facePlan(0.5, 900), fullPlan(true)]) {
      const opaque = new Uint8ClampedArray(patch.data);
      for (let o = 3; o < opaque.length; o += 4) opaque[o] = 255;
      expect(plan.kernel).not.toBeNull();
      expect(byteDifferences(warpWithPlan(plan, identity()), opaque).differ).toBe(0);
      const got = warpWithPlan(plan, fieldsOf());
      const planned = new Uint8Array(patch.width * patch.height);
      for (const p of plan.pixel) planned[p] = 1;
      let moved = 0;
      for (let p = 0; p < planned.length; p++)
        for (let c = 0; c < 4; c++) if (!planned[p] && got[4 * p + c] !== opaque[4 * p + c]) moved++;
      expect(moved).toBe(0);
    }
  });

  it('keeps nothing from one frame to the next, and the bytes it returns are the caller’s', () => {
    const { plan } = facePlan(0.5, 900);
    const first = warpWithPlan(plan, fieldsOf(0.6, 1));
    const kept = first.slice();
    const reused = new Uint8ClampedArray(first.length).fill(7);
    const other = fieldsOf(1.5, 2);
    const want = warpWithPlan({ ...plan, kernel: null }, other);
    const { worst, differ } = byteDifferences(warpWithPlan(plan, other, reused), want);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * want.length);
    expect(byteDifferences(first, kept).differ).toBe(0);
    expect(byteDifferences(warpWithPlan(plan, fieldsOf(0.6, 1)), kept).differ).toBe(0);
  });

  it('is left to the JS loop for the bands of a download', () => {
    const { patch } = facePlan(0.5, 900);
    const mask = faceMask(MODEL_LANDMARKS, RES, MARGIN);
    const band = createWarpPlan(patch, mask, SIDE, [0.1, 0, 0, 0, 0.1, 0], null, [0, 64]);
    expect(band.kernel).toBeNull();
  });

  it('falls back to the JS loop where the module does not validate (no WebAssembly SIMD)', async () => {
    const { inputs, plan } = facePlan(0.5, 900);
    const fields = fieldsOf();
    vi.resetModules();
    vi.stubGlobal('WebAssembly', Object.create(WebAssembly, { validate: { value: () => false } }));
    const fresh = await import('./warpBlend');
    const fallback = fresh.createWarpPlan(...inputs);
    expect(fallback.kernel).toBeNull();
    const want = warpWithPlan({ ...plan, kernel: null }, fields);
    expect(byteDifferences(fresh.warpWithPlan(fallback, fields), want).differ).toBe(0);
  });

  it('is committed as a small module that validates', () => {
    const bytes = kernelBytes();
    expect(bytes.length).toBeLessThan(4096); // Chrome compiles modules up to 4 KB synchronously on a page's main thread
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it.skipIf(!onPath('wat2wasm'))('is what scripts/build-warp-kernel.sh makes of warpKernel.wat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warp-kernel-'));
    try {
      const out = join(dir, 'warpKernelWasm.ts');
      execFileSync('bash', ['scripts/build-warp-kernel.sh', out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/photo/warpKernelWasm.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('times a 640 x 640 frame, every pixel planned: kernel against the JS loop (printed, not asserted)', () => {
    const { plan } = fullPlan(false);
    expect(plan.pixel.length).toBe(640 * 640);
    const fields = fieldsOf();
    const js = { ...plan, kernel: null };
    const out = new Uint8ClampedArray(plan.base.length);
    // The fastest and the median of 15 (after 3 to warm up): on a shared machine the median moves with the load.
    const timed = (warp: () => void) => {
      for (let i = 0; i < 3; i++) warp();
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        warp();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return `${times[0]!.toFixed(1)} / ${times[7]!.toFixed(1)} ms`;
    };
    const kernel = timed(() => warpWithPlan(plan, fields, out));
    const loop = timed(() => warpWithPlan(js, fields, out));
    console.log(
      `warp of a 640 x 640 patch, ${plan.pixel.length} planned pixels, fastest / median of 15: kernel ${kernel}, ` +
        `JS loop ${loop}`,
    );
  });
});
