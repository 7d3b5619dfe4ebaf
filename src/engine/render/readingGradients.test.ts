// The gradient of E_y's reading with respect to [z; y], on the shipped model, against finite differences along a
// random direction, with the tensor count unchanged.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, gaussian } from '../../latent/random';
import type { GanModel } from '../model/ganModel';
import { renderBatch } from './batchFrames';
import { checkGradientOf, readingGradients } from './readingGradients';
import { loadModelFromDisk } from '../model/testing/loadModel';

describe('readingGradients', () => {
  let model: GanModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = await loadModelFromDisk();
  }, 60_000);

  it('matches finite differences of the reading along a direction, for two attributes and two inputs', async () => {
    const { latent, attributes } = model.manifest;
    const L = latent.size;
    const A = attributes.length;
    const rng = createRng(7);
    const input = () => ({
      latent: Float32Array.from({ length: L }, () => gaussian(rng)),
      attributes: Float32Array.from({ length: A }, () => (rng() < 0.5 ? -1 : 1)),
    });
    const inputs = [input(), input()];
    const dir = Float32Array.from({ length: L + A }, () => gaussian(rng));
    const before = tf.memory().numTensors;
    const grads = await readingGradients(model, inputs, [3, 2]);
    expect(tf.memory().numTensors).toBe(before);
    expect(grads).toHaveLength(2);
    // A small step: at 1e-2 the leaky ReLUs' kinks put the central difference 0.03 off a gradient of 0.025 (measured
    // here: at 1e-3 every pair agrees within 0.013, and the differences shrink with the step).
    const h = 1e-3;
    for (const [i, p] of inputs.entries()) {
      const moved = (s: number) => ({
        latent: p.latent.map((v, j) => v + s * h * dir[j]!),
        attributes: p.attributes.map((v, j) => v + s * h * dir[L + j]!),
      });
      const { readings } = await renderBatch(model, [moved(1), moved(-1)], 0, true);
      for (const [slot, k] of [3, 2].entries()) {
        const numeric = (readings[0]![k]! - readings[1]![k]!) / (2 * h);
        const g = grads[i]!.subarray(slot * (L + A), (slot + 1) * (L + A));
        const analytic = g.reduce((s, v, j) => s + v * dir[j]!, 0);
        // float32 and the leaky ReLUs' kinks within the step: within 10% (a wrong sign, attribute or input is not).
        expect(Math.abs(analytic - numeric)).toBeLessThan(0.1 * Math.abs(numeric) + 0.02);
        expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
      }
    }
  }, 120_000);

  it('refuses attributes the model does not have', () => {
    expect(() => checkGradientOf(model, [model.manifest.attributes.length])).toThrow(/attributes 0 to/);
    expect(() => checkGradientOf(model, [])).not.toThrow();
  });
});
