import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePhoto, refine, type InversionReport } from './invert';
import type { FaceModel } from './faceModel';
import { generatedFace, loadModelFromDisk, selectBackendInNode } from './testing/loadModel';

describe('inversion', { timeout: 120_000 }, () => {
  let model: FaceModel;
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
    for await (const r of refine(model, target, first, {
      steps: 20,
      lr: 0.05,
      reportEvery: 5,
      patience: 100,
      minGain: 0,
    })) {
      reports.push(r);
    }
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
      { steps: 100, lr: 0.05, reportEvery: 2, patience: 100, minGain: 0 },
      ctrl.signal,
    )) {
      n = r.step;
      if (r.step === 4) ctrl.abort();
    }
    expect(n).toBe(4);
    // An impossible gain requirement stops after `patience` reports.
    const steps: number[] = [];
    for await (const r of refine(model, target, start, {
      steps: 100,
      lr: 0.05,
      reportEvery: 2,
      patience: 2,
      minGain: 0.99,
    })) {
      steps.push(r.step);
    }
    expect(steps).toEqual([2, 4, 6]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
