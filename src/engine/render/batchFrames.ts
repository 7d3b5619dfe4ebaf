// Many faces in one generator pass, for batches (maps, sweeps, grids, exports): frames at any size and, optionally,
// what the model's own attribute encoder (E_y) reads in each generated face.
import * as tf from '@tensorflow/tfjs';
import type { GanModel } from '../model/ganModel';
import { EngineError, type FrameInput } from '../protocol';
import { toRgbaBatch, type RgbaFrame } from './renderer';

/** Largest frame side a batch may ask for, so a typo cannot ask the engine for gigabytes. */
export const MAX_BATCH_SIZE = 1024;

export interface BatchFrames {
  /** One per input, `size` px square; none when size is 0. */
  frames: RgbaFrame[];
  /** One per input when read: [attributes.length], manifest order, in the sliders' scale; else none. */
  readings: Float32Array[];
}

/** Throws a 'bad-input' EngineError saying what is wrong with a batch for `model`; returns when it is fine. */
export function checkBatch(model: GanModel, inputs: readonly FrameInput[], size: number, read: boolean): void {
  const { latent, attributes } = model.manifest;
  if (read && !model.hasEncoder) {
    throw new EngineError('bad-input', `Model ${model.manifest.id} has no attribute encoder to read faces with.`);
  }
  if (!Number.isInteger(size) || size < 0 || size > MAX_BATCH_SIZE) {
    throw new EngineError(
      'bad-input',
      `A batch's size must be a whole number from 0 to ${MAX_BATCH_SIZE} (got ${size}).`,
    );
  }
  inputs.forEach((input, i) => {
    if (input.latent.length !== latent.size || input.attributes.length !== attributes.length) {
      throw new EngineError(
        'bad-input',
        `Batch input ${i} has ${input.latent.length} latent and ${input.attributes.length} attribute values; ` +
          `this model takes ${latent.size} and ${attributes.length}.`,
      );
    }
    if (!input.latent.every(Number.isFinite) || !input.attributes.every(Number.isFinite)) {
      throw new EngineError('bad-input', `Batch input ${i} holds a value that is not a finite number.`);
    }
  });
}

/**
 * Generates every input in one pass. Frames are the generated faces resized to `size` (area average when the
 * resolution is a multiple of it, bilinear otherwise); readings come from the full-resolution faces. Holds no tensors
 * after it settles.
 */
export async function renderBatch(
  model: GanModel,
  inputs: readonly FrameInput[],
  size: number,
  read: boolean,
): Promise<BatchFrames> {
  const n = inputs.length;
  const { resolution, pixelRange } = model.manifest;
  if (n === 0 || (size === 0 && !read)) return { frames: [], readings: [] };
  const kept: { rgba?: tf.Tensor4D; readings?: tf.Tensor2D } = {};
  try {
    tf.tidy(() => {
      const z = tf.tensor2d(concat(inputs.map((i) => i.latent)), [n, model.manifest.latent.size]);
      const y = tf.tensor2d(concat(inputs.map((i) => i.attributes)), [n, model.manifest.attributes.length]);
      // Clipped as the frames are, so E_y reads the face that is shown.
      const faces = model.generate(z, y).clipByValue(pixelRange[0], pixelRange[1]) as tf.Tensor4D;
      if (size > 0) kept.rgba = tf.keep(toRgbaBatch(resize(faces, resolution, size), pixelRange));
      if (read) kept.readings = tf.keep(model.encode(faces).attributes);
    });
    const [pixels, values] = await Promise.all([kept.rgba?.data(), kept.readings?.data()]);
    const side = size * size * 4;
    const k = model.manifest.attributes.length;
    return {
      frames: pixels
        ? inputs.map((_, i) => ({
            width: size,
            height: size,
            data: new Uint8ClampedArray(pixels.subarray(i * side, (i + 1) * side)),
          }))
        : [],
      readings: values ? inputs.map((_, i) => Float32Array.from(values.subarray(i * k, (i + 1) * k))) : [],
    };
  } finally {
    tf.dispose(Object.values(kept));
  }
}

/** [n, res, res, 3] -> [n, size, size, 3]. Call inside tidy. */
function resize(faces: tf.Tensor4D, resolution: number, size: number): tf.Tensor4D {
  if (size === resolution) return faces;
  if (size < resolution && resolution % size === 0) {
    const f = resolution / size;
    return tf.avgPool(faces, f, f, 'valid');
  }
  return tf.image.resizeBilinear(faces, [size, size], false, true);
}

/** The arrays one after another in one Float32Array. */
export function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
