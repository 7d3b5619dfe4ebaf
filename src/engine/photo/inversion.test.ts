import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REFINE, encodePhoto, refine, type InversionReport, type RefineOptions } from './inversion';
import type { GanModel } from '../model/ganModel';
import type { PhotoFit } from './photoFit';
import { generatedFace, loadModelFromDisk, selectBackendInNode } from '../model/testing/loadModel';

const options = (o: Partial<RefineOptions>): RefineOptions => ({ ...DEFAULT_REFINE, ...o });

describe('inversion', { timeout: 120_000 }, () => {
  let model: GanModel;
  let target: Float32Array;

  beforeAll(async () => {
    // WASM: the backend without Conv2DBackpropFilter, and the fast one in Node.
    await selectBackendInNode('wasm');
    model = await loadModelFromDisk();
    target = generatedFace(model, 11);
  });
  afterAll(() => model.dispose());

  it('encodes at once, then refinement lowers the error without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const first = await encodePhoto(model, target);
    expect(first.latent.length).toBe(model.manifest.latent.size);
    expect(first.attributes.length).toBe(model.manifest.attributes.length);
    const reports: InversionReport[] = [];
    const everyFifth = options({ steps: 20, reportEvery: 5, patience: 100, minGain: 0 });
    for await (const r of refine(model, target, first, everyFifth)) reports.push(r);
    expect(reports.map((r) => r.step)).toEqual([5, 10, 15, 20]);
    expect(reports.at(-1)!.mse).toBeLessThan(first.mse);
    expect(reports.at(-1)!.psnr).toBeGreaterThan(first.psnr);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on abort and when the error stops improving, releasing its tensors', async () => {
    const before = tf.memory().numTensors;
    const start = await encodePhoto(model, target);
    const ctrl = new AbortController();
    let n = 0;
    for await (const r of refine(
      model,
      target,
      start,
      { ...DEFAULT_REFINE, steps: 100, reportEvery: 2, patience: 100, minGain: 0 },
      ctrl.signal,
    )) {
      n = r.step;
      if (r.step === 4) ctrl.abort();
    }
    expect(n).toBe(4);
    // An impossible gain requirement stops after `patience` reports.
    const steps: number[] = [];
    const impatient = options({ steps: 100, reportEvery: 2, patience: 2, minGain: 0.99 });
    for await (const r of refine(model, target, start, impatient)) steps.push(r.step);
    expect(steps).toEqual([2, 4, 6]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('per-layer codes and a feature offset fit a face off the generator better, and hand over their fits', async () => {
    const before = tf.memory().numTensors;
    // Half of one face and half of another mirrored: no single latent makes it.
    const other = generatedFace(model, 12);
    const blend = target.map((v, i) => (v + (other[i] ?? 0)) / 2);
    const start = await encodePhoto(model, blend);
    const run = async (perLayer: boolean, featureSide: number, keep?: (fit: PhotoFit) => void) => {
      const opts = { ...DEFAULT_REFINE, perLayer, featureSide, steps: 30, reportEvery: 10, patience: 100, minGain: 0 };
      let last: InversionReport | null = null;
      for await (const r of refine(model, blend, start, opts, undefined, keep)) last = r;
      return last!;
    };
    const fits: PhotoFit[] = [];
    const latentOnly = await run(false, 0);
    const full = await run(true, 16, (fit) => fits.push(fit));
    expect(full.psnr).toBeGreaterThan(latentOnly.psnr + 1);
    expect(fits).toHaveLength(3);
    // The last fit reconstructs at the reported error, from its own input (the mean code).
    const mse = tf.tidy(
      () =>
        tf
          .mean(
            tf.squaredDifference(
              fits.at(-1)!.generate(fits.at(-1)!.input),
              tf.tensor4d(blend, [1, model.manifest.resolution, model.manifest.resolution, 3]),
            ),
          )
          .dataSync()[0]!,
    );
    expect(Math.abs(mse - full.mse) / full.mse).toBeLessThan(1e-3);
    expect(Array.from(fits.at(-1)!.input.latent)).toEqual(Array.from(full.latent));
    // Each fit comes with its own generation (the report's), exactly as generating it again gives it.
    for (const fit of fits) {
      const again = tf.tidy(() => fit.generate(fit.input).dataSync());
      expect(fit.image).not.toBeNull();
      expect(Array.from(fit.image!).filter((v, i) => v !== again[i]).length).toBe(0);
    }
    fits.forEach((f) => f.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
