import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kernelBytes } from './blendKernel';
import { blendWithPlan, createBlendPlan, type BlendPlan } from './blendPlan';
import { blendScene, byteDifferences, LAYER_SIDE } from './testing/blendScene';

/** A plan on blendScene's inputs, with its kernel. */
function planOf(rot: number, faceWidth: number, maxSide: number, amplitude?: number) {
  const { patch, mask, layer, params } = blendScene(rot, faceWidth, maxSide, amplitude);
  const plan = createBlendPlan(patch, mask, LAYER_SIDE, params);
  expect(plan.kernel).not.toBeNull();
  return { patch, plan, layer };
}

/** The kernel's bytes against the JS loop's: the largest difference and how many bytes differ. */
function versusJs(plan: BlendPlan, layer: Float32Array) {
  const got = blendWithPlan(plan, layer);
  const want = blendWithPlan({ ...plan, kernel: null }, layer);
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

describe('the blend kernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each([
    [0, 420],
    [0.5, 900],
  ])("gives the JS loop's bytes (but for rare rounding ties): tilt %f, face %i px", (rot, faceWidth) => {
    const { plan, layer } = planOf(rot, faceWidth, 640);
    expect(plan.offset.length).toBeGreaterThan(100_000);
    const { got, worst, differ } = versusJs(plan, layer);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
  });

  it('clips at 0 and at 255 as the JS loop does, keeps alpha 255 and leaves the pixels outside the plan as they were', () => {
    const { patch, plan, layer } = planOf(0.3, 420, 640, 1000);
    // The fourth channel is the mask, never read: junk there must not reach alpha.
    for (let i = 3; i < layer.length; i += 4) layer[i] = i % 8 === 3 ? -1e6 : 1e6;
    const { got, want, worst, differ } = versusJs(plan, layer);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
    const planned = new Uint8Array(patch.width * patch.height);
    for (const o of plan.offset) planned[o / 4] = 1;
    let low = 0;
    let high = 0;
    let moved = 0;
    let translucent = 0;
    for (let p = 0; p < planned.length; p++) {
      if (got[4 * p + 3] !== 255) translucent++;
      for (let c = 0; c < 3; c++) {
        const v = got[4 * p + c]!;
        if (!planned[p]) moved += v === patch.data[4 * p + c] ? 0 : 1;
        else if (v === 0) low += want[4 * p + c] === 0 ? 1 : 0;
        else if (v === 255) high += want[4 * p + c] === 255 ? 1 : 0;
      }
    }
    expect(moved).toBe(0);
    expect(translucent).toBe(0);
    // A change of ±1000 under a mask near 1 clips many bytes both ways.
    expect(low).toBeGreaterThan(1000);
    expect(high).toBeGreaterThan(1000);
  });

  it('keeps nothing from one frame to the next, and the bytes it returns are the caller’s', () => {
    const { plan, layer } = planOf(0, 420, 640);
    const first = blendWithPlan(plan, layer);
    const kept = first.slice();
    const other = layer.map((v, i) => (i % 4 === 3 ? v : -2 * v));
    const { got, worst, differ } = versusJs(plan, other);
    expect(worst).toBeLessThanOrEqual(1);
    expect(differ).toBeLessThan(0.001 * got.length);
    expect(byteDifferences(first, kept).differ).toBe(0);
    expect(byteDifferences(blendWithPlan(plan, layer), kept).differ).toBe(0);
  });

  it("falls back to the JS loop where the module does not validate (no WebAssembly SIMD), with the loop's bytes", async () => {
    const { plan, layer } = planOf(0, 420, 640);
    const { patch, mask, params } = blendScene(0, 420, 640);
    vi.resetModules();
    vi.stubGlobal('WebAssembly', Object.create(WebAssembly, { validate: { value: () => false } }));
    const fresh = await import('./blendPlan');
    const fallback = fresh.createBlendPlan(patch, mask, LAYER_SIDE, params);
    expect(fallback.kernel).toBeNull();
    expect(
      byteDifferences(fresh.blendWithPlan(fallback, layer), blendWithPlan({ ...plan, kernel: null }, layer)).differ,
    ).toBe(0);
  });

  it('is committed as a small module that validates', () => {
    const bytes = kernelBytes();
    expect(bytes.length).toBeLessThan(1024);
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it.skipIf(!onPath('wat2wasm'))('is what scripts/build-blend-kernel.sh makes of blendKernel.wat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'blend-kernel-'));
    try {
      const out = join(dir, 'blendKernelWasm.ts');
      execFileSync('bash', ['scripts/build-blend-kernel.sh', out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/photo/blendKernelWasm.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
