// How E_y's reading of a generated face changes with the generator's input: the gradient of chosen entries of
// E_y(G(z, y)) with respect to [z; y], per input. Custom attributes use it to stay orthogonal to what the encoder
// reads (src/store/customAttributes/readingOrthogonal.ts), not only to an attribute's own y axis.
import * as tf from '@tensorflow/tfjs';
import { concat } from './batchFrames';
import type { GanModel } from '../model/ganModel';
import { EngineError, type FrameInput } from '../protocol';

/** Throws a 'bad-input' EngineError when `indices` are not attributes of `model` or it has no encoder. */
export function checkGradientOf(model: GanModel, indices: readonly number[]): void {
  if (indices.length === 0) return;
  const count = model.manifest.attributes.length;
  if (!model.hasEncoder) {
    throw new EngineError('bad-input', `Model ${model.manifest.id} has no attribute encoder to differentiate.`);
  }
  if (indices.some((k) => !Number.isInteger(k) || k < 0 || k >= count)) {
    throw new EngineError('bad-input', `Gradients are of attributes 0 to ${count - 1} (got ${indices.join(', ')}).`);
  }
}

/**
 * Per input: for each attribute in `indices` (in that order), d reading / d [z; y] (latent size + attribute count
 * values), all in one Float32Array. Faces are clipped to the pixel range as in renderBatch, so it is the reading of
 * the face that is shown. Every input is its own sample (no layer mixes a batch), so the gradient of the batch's sum
 * is each input's own gradient. Holds no tensors after it settles.
 */
export async function readingGradients(
  model: GanModel,
  inputs: readonly FrameInput[],
  indices: readonly number[],
): Promise<Float32Array[]> {
  const n = inputs.length;
  if (n === 0 || indices.length === 0) return [];
  const { latent, attributes, pixelRange } = model.manifest;
  const L = latent.size;
  const A = attributes.length;
  const kept = tf.tidy(() => {
    const z = tf.tensor2d(concat(inputs.map((i) => i.latent)), [n, L]);
    const y = tf.tensor2d(concat(inputs.map((i) => i.attributes)), [n, A]);
    const parts = indices.map((k) => {
      const f = (zz: tf.Tensor, yy: tf.Tensor) => {
        const face = model.generate(zz as tf.Tensor2D, yy as tf.Tensor2D).clipByValue(pixelRange[0], pixelRange[1]);
        return model
          .encode(face as tf.Tensor4D)
          .attributes.slice([0, k], [n, 1])
          .sum();
      };
      const [gz, gy] = tf.grads(f)([z, y]);
      return tf.concat([gz!, gy!], 1); // [n, L + A]
    });
    return tf.concat(parts, 1) as tf.Tensor2D; // [n, K * (L + A)]
  });
  try {
    const values = await kept.data();
    const per = indices.length * (L + A);
    return inputs.map((_, i) => Float32Array.from(values.subarray(i * per, (i + 1) * per)));
  } finally {
    kept.dispose();
  }
}
