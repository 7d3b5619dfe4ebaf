import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WARM_STEPS, warmInversion } from './inversionJob';
import { useShippedModel } from '../model/testing/loadModel';

describe('warmInversion', { timeout: 120_000 }, () => {
  const model = useShippedModel();

  it("runs the encoder and refinement's steps on the model's own face, and keeps no tensor", async () => {
    const m = model();
    const { size, mean } = m.manifest.latent;
    const input = {
      latent: new Float32Array(size).fill(mean),
      attributes: Float32Array.from(m.manifest.attributes, (a) => a.default),
    };
    const k = input.attributes.length;
    // Counted at once: tf.profile hands back the same object each time.
    const forward = (
      await tf.profile(() => tf.tidy(() => m.generate(tf.tensor2d(input.latent, [1, size]), tf.fill([1, k], 0))))
    ).kernels.length;
    const before = tf.memory().numTensors;
    const warm = (await tf.profile(() => warmInversion(m, input).then(() => []))).kernels.length;
    // Each step is a generator pass forward and its gradient back: well over two forward passes' kernels.
    expect(warm).toBeGreaterThan(2 * WARM_STEPS * forward);
    expect(tf.memory().numTensors).toBe(before);
  });
});
