// The discriminator's verdict on a generated frame: how real the GAN's second player finds it.
import * as tf from '@tensorflow/tfjs';
import type { FaceModel } from './faceModel';
import type { FrameInput } from './protocol';

/**
 * D's score for the image `generator` makes from `input`, as the class its attributes ask for (above 0 leans real);
 * an empty object when `judge` has no discriminator. Holds no tensors afterwards.
 */
export async function judgeFrame(
  judge: FaceModel,
  generator: FaceModel,
  input: FrameInput,
): Promise<{ verdict?: number }> {
  if (!judge.manifest.networks.discriminator) return {};
  const score = tf.tidy(() => {
    const z = tf.tensor2d(input.latent, [1, input.latent.length]);
    const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
    return judge.discriminate(generator.generate(z, y), y).verdict;
  });
  try {
    const [value = 0] = await score.data();
    return { verdict: value };
  } finally {
    score.dispose();
  }
}
