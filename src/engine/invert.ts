// Photo -> latent. The encoder gives a first (z, y) at once; then gradient descent on z through the fixed generator
// (Creswell & Bharath 2016) refines it, with Adam as in training/latentlab/evaluate.py. The generator's weights are
// plain tensors, so the gradient never needs Conv2DBackpropFilter and the loop runs on every backend, WASM included.
import * as tf from '@tensorflow/tfjs';
import type { FaceModel } from './faceModel';

export interface RefineOptions {
  /** Most steps to run. */
  steps: number;
  /** Adam learning rate on z. */
  lr: number;
  /** Report (and check for early stop) every this many steps. */
  reportEvery: number;
  /** Stop when the error has not improved by `minGain` (relative) for this many reports. */
  patience: number;
  minGain: number;
}

export const DEFAULT_REFINE: RefineOptions = { steps: 200, lr: 0.05, reportEvery: 10, patience: 3, minGain: 0.005 };

export interface InversionReport {
  step: number;
  /** Mean squared error over pixels in the model's pixel range. */
  mse: number;
  /** PSNR in dB for the pixel range's peak-to-peak. */
  psnr: number;
  latent: Float32Array;
  attributes: Float32Array;
}

/**
 * Resolves on the next task, so messages queued for this worker (cancel, a newer photo, a frame request) run first.
 * A MessageChannel round trip, not setTimeout(0): browsers clamp nested timers to >= 4 ms, which cost refine() 4 ms a
 * step (0.4 s per 100 steps, bench/results.md).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

export function psnrFromMse(mse: number, pixelRange: [number, number]): number {
  const peak = pixelRange[1] - pixelRange[0];
  return 10 * Math.log10((peak * peak) / Math.max(mse, 1e-12));
}

/** Encoder only: target [H*W*3] in pixelRange -> its (z, y) and their reconstruction error. */
export async function encodePhoto(model: FaceModel, target: Float32Array): Promise<InversionReport> {
  const r = model.manifest.resolution;
  const [latent, attributes, mse] = tf.tidy(() => {
    const x = tf.tensor4d(target, [1, r, r, 3]);
    const enc = model.encode(x);
    const err = tf.mean(tf.squaredDifference(model.generate(enc.latent, enc.attributes), x));
    return [enc.latent, enc.attributes, err];
  });
  try {
    const [l, a, e] = await Promise.all([latent.data(), attributes.data(), mse.data()]);
    const m = e[0] as number;
    return {
      step: 0,
      mse: m,
      psnr: psnrFromMse(m, model.manifest.pixelRange),
      latent: l as Float32Array,
      attributes: a as Float32Array,
    };
  } finally {
    tf.dispose([latent, attributes, mse]);
  }
}

/**
 * Refines `start.latent` (attributes held fixed) towards `target`. Yields a report every `reportEvery` steps; the
 * caller can stop early by breaking out of the loop or through `signal`. All tensors are released when it returns.
 */
export async function* refine(
  model: FaceModel,
  target: Float32Array,
  start: { latent: Float32Array; attributes: Float32Array },
  opts: RefineOptions = DEFAULT_REFINE,
  signal?: AbortSignal,
): AsyncGenerator<InversionReport> {
  const r = model.manifest.resolution;
  const size = model.manifest.latent.size;
  const k = model.manifest.attributes.length;
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  // Owned by this loop; replaced every step, released in finally.
  const x = tf.tensor4d(target, [1, r, r, 3]);
  const y = tf.tensor2d(start.attributes, [1, k]);
  let z = tf.tensor2d(start.latent, [1, size]);
  let m: tf.Tensor = tf.zerosLike(z);
  let v: tf.Tensor = tf.zerosLike(z);
  const lossAndGrad = tf.valueAndGrad((zz: tf.Tensor) =>
    tf.mean(tf.squaredDifference(model.generate(zz as tf.Tensor2D, y), x)),
  );
  let best = Infinity;
  let stale = 0;
  try {
    for (let step = 1; step <= opts.steps; step++) {
      if (signal?.aborted) return;
      const report = step % opts.reportEvery === 0 || step === opts.steps;
      const next = tf.tidy(() => {
        const { value, grad } = lossAndGrad(z);
        const m2 = tf.add(tf.mul(m, b1), tf.mul(grad, 1 - b1));
        const v2 = tf.add(tf.mul(v, b2), tf.mul(tf.square(grad), 1 - b2));
        const mHat = tf.div(m2, 1 - b1 ** step);
        const vHat = tf.div(v2, 1 - b2 ** step);
        const z2 = tf.sub(z, tf.mul(opts.lr, tf.div(mHat, tf.add(tf.sqrt(vHat), eps))));
        value.dispose();
        return { z2, m2, v2 };
      });
      tf.dispose([z, m, v]);
      z = next.z2 as tf.Tensor2D;
      m = next.m2;
      v = next.v2;
      if (!report) {
        // Let the worker read messages (cancel, a newer photo) between steps.
        await nextTask();
        continue;
      }
      // Report the error of the updated latent (the loss above was of the previous one).
      const errT = tf.tidy(() => tf.mean(tf.squaredDifference(model.generate(z, y), x)));
      const [errData, latent] = await Promise.all([errT.data(), z.data()]);
      errT.dispose();
      const mse = errData[0] as number;
      yield {
        step,
        mse,
        psnr: psnrFromMse(mse, model.manifest.pixelRange),
        latent: latent as Float32Array,
        attributes: start.attributes.slice(),
      };
      if (mse < best * (1 - opts.minGain)) {
        best = mse;
        stale = 0;
      } else if (++stale >= opts.patience) {
        return;
      }
    }
  } finally {
    tf.dispose([x, y, z, m, v]);
  }
}
