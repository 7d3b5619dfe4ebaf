import * as tf from '@tensorflow/tfjs';
import type { FrameInput } from '../protocol';

/** The generator half of GanModel, so the renderer can be tested with a tiny stand-in network. */
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
    const rgba = tf.tidy(() => {
      const z = tf.tensor2d(input.latent, [1, input.latent.length]);
      const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
      return toRgba(this.generator.generate(z, y), this.pixelRange);
    });
    return readRgba(rgba);
  }
}

/** [1, H, W, 3 or 1] in pixelRange -> [H, W, 4] int32 bytes, opaque. Call inside tidy. */
export function toRgba(image: tf.Tensor4D, pixelRange: readonly [number, number]): tf.Tensor3D {
  return toRgbaBatch(image, pixelRange).squeeze([0]) as tf.Tensor3D;
}

/** [B, H, W, 3] or grey [B, H, W, 1] in pixelRange -> [B, H, W, 4] int32 bytes, opaque. Call inside tidy. */
export function toRgbaBatch(images: tf.Tensor4D, [lo, hi]: readonly [number, number]): tf.Tensor4D {
  // A grey model's one channel becomes the same value in R, G and B.
  const rgb = images.shape[3] === 1 ? tf.tile(images, [1, 1, 1, 3]) : images;
  // Clip first: a generator may overshoot its nominal range, and wrapped bytes would show as speckles.
  const bytes = rgb
    .clipByValue(lo, hi)
    .sub(lo)
    .mul(255 / (hi - lo))
    .round();
  const [n = 1, height = 0, width = 0] = bytes.shape;
  return tf.concat([bytes.cast('int32'), tf.fill([n, height, width, 1], 255, 'int32')], 3) as tf.Tensor4D;
}

/** [H, W, 3] bytes (as floats or ints) -> [H, W, 4] int32 with alpha 255. Call inside tidy. */
export function opaque(rgb: tf.Tensor3D): tf.Tensor3D {
  const [height, width] = rgb.shape;
  return tf.concat([rgb.cast('int32'), tf.fill([height, width, 1], 255, 'int32')], 2) as tf.Tensor3D;
}

/** Reads an [H, W, 4] RGBA tensor back as bytes, and disposes it. */
export async function readRgba(rgba: tf.Tensor3D): Promise<RgbaFrame> {
  try {
    const [height, width] = rgba.shape;
    const values = await rgba.data();
    return { width, height, data: new Uint8ClampedArray(values) };
  } finally {
    rgba.dispose();
  }
}

/**
 * A size x size x 3 generation in byte units as an opaque RGBA frame, rounded half to even and clipped as toRgba's
 * bytes: one readback per frame serves both the face and the edit.
 */
export function rgbaOf(image: Float32Array, size: number): RgbaFrame {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < size * size; p++) {
    data[p * 4] = image[p * 3]!;
    data[p * 4 + 1] = image[p * 3 + 1]!;
    data[p * 4 + 2] = image[p * 3 + 2]!;
    data[p * 4 + 3] = 255;
  }
  return { width: size, height: size, data };
}
