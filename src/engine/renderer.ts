import * as tf from '@tensorflow/tfjs';
import type { FrameInput } from './protocol';

/** The generator half of FaceModel, so the renderer can be tested with a tiny stand-in network. */
export interface Generator {
  generate(latent: tf.Tensor2D, attributes: tf.Tensor2D): tf.Tensor4D;
}

export interface RgbaFrame {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>; // RGBA, row-major, alpha 255
}

/**
 * Turns one latent + attribute vector into RGBA pixels. Holds no tensors between calls: everything synchronous is
 * inside tidy, and the one tensor that crosses the await is disposed in finally.
 */
export class Renderer {
  constructor(
    private readonly generator: Generator,
    private readonly pixelRange: readonly [number, number],
  ) {}

  async render(input: FrameInput): Promise<RgbaFrame> {
    const [lo, hi] = this.pixelRange;
    const rgba = tf.tidy(() => {
      const z = tf.tensor2d(input.latent, [1, input.latent.length]);
      const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
      const image = this.generator.generate(z, y); // [1, H, W, 3] in pixelRange
      const [, height, width] = image.shape;
      // Clip first: a generator may overshoot its nominal range, and wrapped bytes would show as speckles.
      const bytes = image
        .clipByValue(lo, hi)
        .sub(lo)
        .mul(255 / (hi - lo))
        .round();
      const alpha = tf.fill([1, height, width, 1], 255);
      return tf.concat([bytes, alpha], 3).squeeze([0]).cast('int32') as tf.Tensor3D; // [H, W, 4]
    });
    try {
      const [height, width] = rgba.shape;
      const values = await rgba.data();
      return { width, height, data: new Uint8ClampedArray(values) };
    } finally {
      rgba.dispose();
    }
  }
}
