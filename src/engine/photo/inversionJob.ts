// A photo job's inversion, shared by faces and garments: the encoder's result, then refinement, each report sent out
// as a 'photo-step' and the end as a 'photo-done'; and how a failed job is reported.
import * as tf from '@tensorflow/tfjs';
import { currentBackend } from '../model/backend';
import type { GanModel } from '../model/ganModel';
import { framesGarments } from './garmentPhoto';
import { encodePhoto, refine, DEFAULT_REFINE, type InversionReport, type RefineOptions } from './inversion';
import { PhotoFit } from './photoFit';
import { EngineError, type FrameInput, type PhotoErrorCode, type PhotoEvent } from '../protocol';
import type { StepGate } from '../worker/stepGate';

/**
 * A garment's refinement: per-layer codes without the feature offset, whose 16 x 16 x 32 numbers outnumber a 32 px
 * picture's 1,024 pixels and would copy any picture, garment or not (bench/results/choices.md).
 */
export const GARMENT_REFINE: RefineOptions = { ...DEFAULT_REFINE, featureSide: 0 };

/**
 * Encoder first (one report at step 0), then refinement reports until done, stalled or aborted. `keep` receives the
 * photo's fit before each report (the encoder's latent first), and owns it; `gate` may hold refinement between steps.
 */
export async function* invertPhoto(
  model: GanModel,
  target: Float32Array,
  signal: AbortSignal,
  opts: RefineOptions = DEFAULT_REFINE,
  keep: (fit: PhotoFit) => void = (fit) => fit.dispose(),
  gate?: StepGate,
): AsyncGenerator<InversionReport> {
  const first = await encodePhoto(model, target);
  keep(PhotoFit.ofLatent(model, first));
  yield first;
  yield* refine(model, target, first, opts, signal, keep, gate);
}

/** Refinement steps run while the model loads (warmInversion). */
export const WARM_STEPS = 10;

/**
 * The photo path run once while the model loads: the encoder and a few refinement steps on the model's own face for
 * `input`, all tensors released. The first steps of refinement are slow (the backend's kernels for the gradients, and
 * on the CPU backends the JavaScript and WebAssembly they run being compiled to faster code); without this that
 * happens as the first photo opens, exactly when a person starts dragging a slider over it. On WASM only, where that
 * was measured (bench:slider): a GPU backend compiles shaders instead, and on a software GPU (the test machine's
 * WebGPU) ten steps would add many seconds to every load. Nothing for a model that takes no photos.
 */
export async function warmInversion(model: GanModel, input: FrameInput): Promise<void> {
  const { manifest } = model;
  const opts = manifest.alignment?.landmarks ? DEFAULT_REFINE : framesGarments(manifest) ? GARMENT_REFINE : null;
  if (!opts || currentBackend() !== 'wasm') return;
  const { size } = manifest.latent;
  const k = manifest.attributes.length;
  const target = tf.tidy(() =>
    model.generate(tf.tensor2d(input.latent, [1, size]), tf.tensor2d(input.attributes, [1, k])).dataSync(),
  ) as Float32Array;
  const first = await encodePhoto(model, target);
  const warm = { ...opts, steps: WARM_STEPS, reportEvery: WARM_STEPS };
  for await (const report of refine(model, target, first, warm)) void report;
}

/** Inverts `target` for job `id`: a 'photo-step' per report, then a 'photo-done'; `keep` owns each fit. */
export async function reportInversion(
  emit: (event: PhotoEvent) => void,
  model: GanModel,
  job: { id: number; target: Float32Array; signal: AbortSignal; opts: RefineOptions },
  keep: (fit: PhotoFit) => void,
  gate: StepGate,
): Promise<void> {
  const { id, target, signal, opts } = job;
  let last: InversionReport | null = null;
  for await (const r of invertPhoto(model, target, signal, opts, keep, gate)) {
    last = r;
    const { step, psnr, loss, latent, attributes } = r;
    emit({ type: 'photo-step', id, step, maxSteps: opts.steps, psnr, loss, latent, attributes });
  }
  const reason = signal.aborted ? 'cancelled' : last && last.step >= opts.steps ? 'max-steps' : 'converged';
  emit({ type: 'photo-done', id, reason, step: last?.step ?? 0, psnr: last?.psnr ?? 0 });
}

/** A failed job's code and message: the engine's own photo codes as they are, anything else 'photo-failed'. */
export function photoErrorOf(e: unknown): { code: PhotoErrorCode; message: string } {
  const photoCodes: readonly string[] = ['no-face', 'face-photo', 'no-garment'] satisfies PhotoErrorCode[];
  const code = e instanceof EngineError && photoCodes.includes(e.code) ? (e.code as PhotoErrorCode) : 'photo-failed';
  return { code, message: e instanceof Error ? e.message : String(e) };
}
