// Photo -> (z, y) in the worker: the page decodes the file into an ImageBitmap (EXIF orientation applied) and
// transfers it here; alignment, encoding and refinement all stay on-device. One job runs at a time: a newer photo or
// a cancel stops the running one, whose last event is then 'photo-done' with reason 'cancelled'. Refinement can be
// paused and stepped through (StepGate) for teaching.
import { alignPhoto, type AlignedPhoto } from './alignPhoto';
import { prefetchDetector, type DetectedFace } from './faceDetector';
import { encodePhoto, refine, DEFAULT_REFINE, type InversionReport, type RefineOptions } from './invert';
import type { FaceModel } from './faceModel';
import { PhotoFit } from './photoFit';
import { PhotoEdit, readRegion, type EditFrame, type RegionReader } from './photoEdit';
import { StepGate } from './stepGate';
import { EngineError, type CropSquare, type FrameInput, type PhotoEvent, type PhotoRequest } from './protocol';
import type { RgbaFrame } from './renderer';
import type { Box } from '../photo/pasteBack';

/** The loaded model photos run on, and the folder face-api's weights are served from (beside the face model). */
export interface PhotoEngine {
  model: FaceModel;
  detectorBase: string;
}

/** Finds and aligns the face (`alignPhoto` in the worker; it needs OffscreenCanvas). */
export type Aligner = (
  model: FaceModel,
  bitmap: ImageBitmap,
  detectorBase: string,
  opts: { faceIndex?: number; manual?: CropSquare; faces?: DetectedFace[] },
) => Promise<AlignedPhoto>;

/**
 * Encoder first (one report at step 0), then refinement reports until done, stalled or aborted. `keep` receives the
 * photo's fit before each report (the encoder's latent first), and owns it; `gate` may hold refinement between steps.
 */
export async function* invertPhoto(
  model: FaceModel,
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

/**
 * The worker's photo jobs: align, encode, refine; every result goes out through `emit` as plain data. Owns the open
 * photo and its edit (PhotoEdit's tensors), until a newer photo or close() replaces them.
 */
export class PhotoJobs {
  /** The last photo (owned here: closed when a newer one arrives) and the faces found in it, once detected. */
  private photo: { bitmap: ImageBitmap; faces: DetectedFace[] | undefined } | null = null;
  private running: AbortController | null = null;
  private edit: PhotoEdit | null = null;
  /** Paused refinement: kept across jobs, so a photo opened while paused stops after its encoder result (step 0). */
  private readonly gate = new StepGate();

  constructor(
    private readonly emit: (event: PhotoEvent, transfer?: Transferable[]) => void,
    private readonly align: Aligner = alignPhoto,
    private readonly read: RegionReader = readRegion,
  ) {}

  /** The open photo's live frame for `input`; null when no photo has been aligned. */
  frame(input: FrameInput): Promise<EditFrame> | null {
    return this.edit?.frame(input) ?? null;
  }

  /** The edited face region of `bitmap` (the open photo at another size, e.g. full resolution); closes `bitmap`. */
  async exportAt(input: FrameInput, bitmap: ImageBitmap): Promise<{ patch: RgbaFrame; box: Box }> {
    try {
      if (!this.edit) throw new EngineError('render-failed', 'No photo is open.');
      return await this.edit.exportAt(input, bitmap, this.read);
    } finally {
      bitmap.close();
    }
  }

  /** Stops the job, and frees the photo and its edit. */
  close(): void {
    this.cancel();
    this.setEdit(null);
    this.photo?.bitmap.close();
    this.photo = null;
  }

  private setEdit(edit: PhotoEdit | null): void {
    this.edit?.dispose();
    this.edit = edit;
  }

  /** Downloads the face detector in the background (no tensors), so the first photo and offline use find it. */
  prefetch(detectorBase: string): void {
    prefetchDetector(detectorBase).catch(() => {
      // Retried for real when a photo arrives; a failure then is reported with the photo.
    });
  }

  /** Holds refinement before its next step until resume(); the job keeps its tensors while held. */
  pause(): void {
    this.gate.pause();
  }

  resume(): void {
    this.gate.resume();
  }

  /** While paused, runs one refinement step and reports it ('photo-step'). */
  advance(): void {
    this.gate.advance();
  }

  /** Whether a job is held by a pause now (waiting for advance() or resume()). */
  get held(): boolean {
    return this.gate.holding;
  }

  /** Stops the job now running (its 'photo-done' says 'cancelled'). */
  cancel(): void {
    this.running?.abort();
  }

  /** Runs `req` on `engine` (null: no model loaded, and the request fails), stopping the job before it. */
  async run(engine: PhotoEngine | null, req: PhotoRequest, opts: RefineOptions = DEFAULT_REFINE): Promise<void> {
    this.cancel();
    if (!engine) {
      req.bitmap?.close();
      const message = 'The model is not loaded yet.';
      this.emit({ type: 'photo-error', id: req.id, code: 'photo-failed', message, faces: [], width: 0, height: 0 });
      return;
    }
    const { model, detectorBase } = engine;
    const ctrl = new AbortController();
    this.running = ctrl;
    this.setEdit(null);
    if (req.bitmap) {
      this.photo?.bitmap.close();
      this.photo = { bitmap: req.bitmap, faces: undefined };
    }
    const photo = this.photo;
    const size = { width: photo?.bitmap.width ?? 0, height: photo?.bitmap.height ?? 0 };
    const plainFaces = (faces: DetectedFace[] | undefined) =>
      (faces ?? []).map((f) => ({ box: f.box, score: f.score }));
    try {
      if (!photo) throw new EngineError('photo-failed', 'There is no photo to align.');
      const aligned = await this.align(model, photo.bitmap, detectorBase, {
        ...(req.faceIndex !== undefined ? { faceIndex: req.faceIndex } : {}),
        ...(req.manual ? { manual: req.manual } : {}),
        ...(photo.faces ? { faces: photo.faces } : {}),
      }).catch((e: unknown) => {
        if (isNoFace(e)) photo.faces = [];
        throw e;
      });
      photo.faces = aligned.faces;
      // A job stopped while aligning (by a newer photo or close) leaves the edit alone: it is not the open photo's.
      const edit = ctrl.signal.aborted ? null : PhotoEdit.create(model, photo.bitmap, aligned.transform, this.read);
      if (edit) this.setEdit(edit);
      this.emit(
        {
          type: 'photo-aligned',
          id: req.id,
          faces: plainFaces(aligned.faces),
          chosen: aligned.chosen,
          ...size,
          crop: aligned.preview,
          alignError: aligned.alignError,
        },
        [aligned.preview],
      );
      let last: InversionReport | null = null;
      // The fit goes to the open photo's edit (which frees it with the photo), or is dropped when the photo has gone.
      const keep = (fit: PhotoFit) => (edit && this.edit === edit ? edit.setBase(fit) : fit.dispose());
      for await (const r of invertPhoto(model, aligned.target, ctrl.signal, opts, keep, this.gate)) {
        last = r;
        this.emit({
          type: 'photo-step',
          id: req.id,
          step: r.step,
          maxSteps: opts.steps,
          psnr: r.psnr,
          loss: r.loss,
          latent: r.latent,
          attributes: r.attributes,
        });
      }
      const reason = ctrl.signal.aborted ? 'cancelled' : last && last.step >= opts.steps ? 'max-steps' : 'converged';
      this.emit({ type: 'photo-done', id: req.id, reason, step: last?.step ?? 0, psnr: last?.psnr ?? 0 });
    } catch (e) {
      this.emit({
        type: 'photo-error',
        id: req.id,
        code: isNoFace(e) ? 'no-face' : 'photo-failed',
        message: e instanceof Error ? e.message : String(e),
        faces: plainFaces(photo?.faces),
        ...size,
      });
    } finally {
      if (this.running === ctrl) this.running = null;
    }
  }
}

function isNoFace(e: unknown): boolean {
  return e instanceof EngineError && e.code === 'no-face';
}
