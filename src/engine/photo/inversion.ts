// Photo -> latent. The encoder gives a first (z, y) at once; then gradient descent on z through the fixed generator
// (Creswell & Bharath 2016) refines it, with Adam as in training/latentlab/metrics.py. The generator's weights are
// plain tensors, so the gradient never needs Conv2DBackpropFilter and the loop runs on every backend, WASM included.
import * as tf from '@tensorflow/tfjs';
import type { GanModel } from '../model/ganModel';
import { PhotoFit } from './photoFit';
import { nextTask } from '../worker/scheduler';
import type { StepGate } from '../worker/stepGate';

export interface RefineOptions {
  /** Most steps to run. */
  steps: number;
  /** Adam learning rate on the latent or codes. */
  lr: number;
  /** One code per generator layer (W+-like) instead of one latent. */
  perLayer: boolean;
  /** Side of the feature map that gets an additive per-photo offset (0: none), its learning rate and L2 weight. */
  featureSide: number;
  lrFeature: number;
  featureL2: number;
  /** Report (and check for early stop) every this many steps. */
  reportEvery: number;
  /** Stop when the error has not improved by `minGain` (relative) for this many reports. */
  patience: number;
  minGain: number;
}

// Per-layer codes and a 16x16 feature offset (training/reports/inversion-study.md, method b + d's offset): a step
// costs little more than a latent-only step, and 50 steps beat 200 of the latent alone; 100 steps keep refinement
// within the photo's time budget on a 2-core machine (bench/results/choices.md).
export const DEFAULT_REFINE: RefineOptions = {
  steps: 100,
  lr: 0.05,
  perLayer: true,
  featureSide: 16,
  lrFeature: 0.01,
  featureL2: 0.1,
  reportEvery: 10,
  patience: 3,
  minGain: 0.005,
};

export interface InversionReport {
  step: number;
  /** Mean squared error over pixels in the model's pixel range. */
  mse: number;
  /** PSNR in dB for the pixel range's peak-to-peak. */
  psnr: number;
  /** The objective refinement minimises: the MSE plus the feature offset's L2 penalty (the MSE alone at step 0). */
  loss: number;
  latent: Float32Array;
  attributes: Float32Array;
}

export function psnrFromMse(mse: number, pixelRange: [number, number]): number {
  const peak = pixelRange[1] - pixelRange[0];
  return 10 * Math.log10((peak * peak) / Math.max(mse, 1e-12));
}

/** Encoder only: target [H*W*channels] in pixelRange -> its (z, y) and their reconstruction error. */
export async function encodePhoto(model: GanModel, target: Float32Array): Promise<InversionReport> {
  const r = model.manifest.resolution;
  const [latent, attributes, mse] = tf.tidy(() => {
    const x = tf.tensor4d(target, [1, r, r, model.manifest.channels ?? 3]);
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
      loss: m,
      psnr: psnrFromMse(m, model.manifest.pixelRange),
      latent: l as Float32Array,
      attributes: a as Float32Array,
    };
  } finally {
    tf.dispose([latent, attributes, mse]);
  }
}

/**
 * Refines the photo's fit from `start` (attributes held fixed): the latent, or with `perLayer` one code per generator
 * layer, plus a feature offset at `featureSide` when it is > 0. Yields a report every `reportEvery` steps (its latent
 * is the mean code) and, with `keep`, hands it the fit at each report (keep owns it). The caller can stop early by
 * breaking out of the loop or through `signal`; `gate` can hold it between steps (each step it lets through while
 * paused is reported). All the loop's own tensors are released when it returns.
 */
export async function* refine(
  model: GanModel,
  target: Float32Array,
  start: { latent: Float32Array; attributes: Float32Array },
  opts: RefineOptions = DEFAULT_REFINE,
  signal?: AbortSignal,
  keep?: (fit: PhotoFit) => void,
  gate?: StepGate,
): AsyncGenerator<InversionReport> {
  const r = model.manifest.resolution;
  const size = model.manifest.latent.size;
  const k = model.manifest.attributes.length;
  const nCodes = model.codeCount;
  const slot = opts.featureSide > 0 ? model.featureSlot(opts.featureSide) : null;
  // Owned by this loop; params and Adam's moments are replaced every step, all released in finally.
  const x = tf.tensor4d(target, [1, r, r, model.manifest.channels ?? 3]);
  const y = tf.tensor2d(start.attributes, [1, k]);
  const params: tf.Tensor[] = [
    tf.tidy(() => tf.tile(tf.tensor2d(start.latent, [1, size]), [opts.perLayer ? nCodes : 1, 1])),
  ];
  if (slot) params.push(tf.zeros(slot.shape));
  const lrs = [opts.lr, opts.lrFeature];
  let m = params.map((p) => tf.zerosLike(p));
  let v = params.map((p) => tf.zerosLike(p));
  const fitOf = (ps: tf.Tensor[]) => ({
    codes: (opts.perLayer ? ps[0] : tf.tile(ps[0]!, [nCodes, 1])) as tf.Tensor2D,
    offset: slot && ps[1] ? { after: slot.after, add: ps[1] as tf.Tensor4D } : null,
  });
  const errOf = (gen: tf.Tensor) => tf.mean(tf.squaredDifference(gen, x));
  const mseOf = (ps: tf.Tensor[]) => errOf(model.generateFit(fitOf(ps), y));
  const lossOf = (err: tf.Tensor, ps: tf.Tensor[]) =>
    ps[1] ? tf.add(err, tf.mul(opts.featureL2, tf.mean(tf.square(ps[1])))) : err;
  const lossAndGrads = tf.valueAndGrads(((...ps: tf.Tensor[]) => lossOf(mseOf(ps), ps)) as (
    ...a: tf.Tensor[]
  ) => tf.Scalar);
  let best = Infinity;
  let stale = 0;
  try {
    for (let step = 1; step <= opts.steps; step++) {
      // Let the worker read messages (a pause, a cancel, a newer photo) before each step, the first included: what
      // came before it (alignment, the encoder) may have run without yielding to them.
      await nextTask();
      const gated = gate ? await gate.next(signal) : 'run';
      if (gated === 'aborted' || signal?.aborted) return;
      const regular = step % opts.reportEvery === 0 || step === opts.steps;
      const report = regular || gated === 'single';
      const next = tf.tidy(() => {
        const { value, grads } = lossAndGrads(params);
        value.dispose();
        return params.map((p, i) => adam(p, grads[i]!, m[i]!, v[i]!, lrs[i] ?? opts.lr, step));
      });
      tf.dispose([...params, ...m, ...v]);
      next.forEach((n, i) => (params[i] = n.p));
      m = next.map((n) => n.m);
      v = next.map((n) => n.v);
      if (!report) continue;
      // Report the error of the updated fit (the loss above was of the previous one), from its generation, which goes
      // with the fit to `keep` (PhotoFit.image): an edit is measured from it, so it need not be generated again.
      const [genT, errT, lossT, meanT] = tf.tidy(() => {
        const gen = model.generateFit(fitOf(params), y);
        const err = errOf(gen);
        return [gen, err, lossOf(err, params), tf.mean(params[0]!, 0)];
      });
      const reads = [errT!.data(), lossT!.data(), meanT!.data(), keep ? genT!.data() : null];
      const [errData, lossData, latent, image] = await Promise.all(reads);
      tf.dispose([genT!, errT!, lossT!, meanT!]);
      const mse = errData[0] as number;
      const input = { latent: latent as Float32Array, attributes: start.attributes.slice() };
      if (keep) {
        const fit = fitOf(params);
        const owned = {
          codes: tf.clone(fit.codes),
          offset: fit.offset && { ...fit.offset, add: tf.clone(fit.offset.add) },
        };
        if (!opts.perLayer) fit.codes.dispose(); // a tile made just now
        keep(PhotoFit.own(model, owned, input, image as Float32Array));
      }
      yield { step, mse, loss: lossData[0] as number, psnr: psnrFromMse(mse, model.manifest.pixelRange), ...input };
      // Early stop on the regular reports only, so stepping through one step at a time does not end it.
      if (!regular) continue;
      if (mse < best * (1 - opts.minGain)) {
        best = mse;
        stale = 0;
      } else if (++stale >= opts.patience) {
        return;
      }
    }
  } finally {
    tf.dispose([x, y, ...params, ...m, ...v]);
  }
}

/** One Adam step (betas 0.9, 0.999) on p with gradient g; returns the new p and moments. Call inside tidy. */
function adam(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, lr: number, step: number) {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const m2 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
  const v2 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
  const mHat = tf.div(m2, 1 - b1 ** step);
  const vHat = tf.div(v2, 1 - b2 ** step);
  return { p: tf.sub(p, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(vHat), eps)))), m: m2, v: v2 };
}
