// Photo -> (z, y) in the worker: the page decodes the file into an ImageBitmap (EXIF orientation applied) and
// transfers it here; alignment (a face) or framing (a garment), encoding and refinement all stay on-device. One job
// runs at a time: a newer photo or a cancel stops the running one, whose last event is then 'photo-done' with reason
// 'cancelled'. Refinement can be paused and stepped through (StepGate) for teaching.
import { alignPhoto, type AlignedPhoto } from './alignPhoto';
import { prefetchDetector, type DetectedFace } from './faceDetector';
import { GarmentEdit } from './garmentEdit';
import { frameGarmentPhoto, framesGarments, type FramedGarment, type GarmentFramer } from './garmentPhoto';
import { DEFAULT_REFINE, type RefineOptions } from './inversion';
import { nextTask } from '../worker/scheduler';
import type { GanModel } from '../model/ganModel';
import type { PhotoFit } from './photoFit';
import { GARMENT_REFINE, photoErrorOf, reportInversion } from './inversionJob';
import { PhotoEdit, type EditFrame } from './photoEdit';
import type { Segmenter } from './personSegmenter';
import { readRegion, type RegionReader } from './regionReader';
import { FramePriority } from '../worker/scheduler';
import { StepGate } from '../worker/stepGate';
import { fillSliderCache } from './sliderCacheFill';
import { EngineError, type CropSquare, type FrameInput, type PhotoEvent, type PhotoRequest } from '../protocol';
import type { RgbaFrame } from '../render/renderer';
import type { Box } from '../../photo/pasteBack';

/**
 * The loaded model photos run on, the folder face-api's weights are served from (beside the face model), and the
 * person segmenter that keeps edits off the background (none: edits keep to the paste-back mask alone).
 */
export interface LoadedModel {
  model: GanModel;
  detectorBase: string;
  segment?: Segmenter;
}

/** A garment frame carries no patch: nothing is pasted back into the picture. */
export type PhotoFrame =
  (EditFrame & { verdict?: undefined }) | { face: RgbaFrame; verdict?: number; patch?: undefined; box?: undefined };

/** Finds and aligns the face (`alignPhoto` in the worker; it needs OffscreenCanvas). */
export type Aligner = (
  model: GanModel,
  bitmap: ImageBitmap,
  detectorBase: string,
  opts: { faceIndex?: number; manual?: CropSquare; faces?: DetectedFace[] },
) => Promise<AlignedPhoto>;

/**
 * The worker's photo jobs: align, encode, refine; every result goes out through `emit` as plain data. Owns the open
 * photo and its edit (PhotoEdit's tensors), until a newer photo or close() replaces them.
 */
export class PhotoJobs {
  /** The last photo (owned here: closed when a newer one arrives) and the faces found in it, once detected. */
  private photo: { bitmap: ImageBitmap; faces: DetectedFace[] | undefined } | null = null;
  private running: AbortController | null = null;
  private edit: PhotoEdit | GarmentEdit | null = null;
  /** Paused refinement: kept across jobs, so a photo opened while paused stops after its encoder result (step 0). */
  private readonly gate = new StepGate((signal) => this.priority.quiet(signal));
  /** Live frames before refinement steps (and batch chunks): a drag is not held up by a step started meanwhile. */
  readonly priority = new FramePriority();

  constructor(
    private readonly emit: (event: PhotoEvent, transfer?: Transferable[]) => void,
    private readonly align: Aligner = alignPhoto,
    private readonly read: RegionReader = readRegion,
    private readonly frameGarment: GarmentFramer = frameGarmentPhoto,
  ) {}

  /** The open photo's live frame for `input` (`exact`: never from the slider cache); null when no photo is aligned or framed. */
  frame(input: FrameInput, exact = false): Promise<PhotoFrame> | null {
    const edit = this.edit;
    if (!edit) return null;
    return this.priority.run<PhotoFrame>(
      () => (edit instanceof PhotoEdit ? edit.frame(input, exact) : edit.frame(input)),
      input,
    );
  }

  /** The edited face region of `bitmap` (the open photo at another size, e.g. full resolution); closes `bitmap`. */
  async exportAt(input: FrameInput, bitmap: ImageBitmap): Promise<{ patch: RgbaFrame; box: Box }> {
    try {
      if (!(this.edit instanceof PhotoEdit)) throw new EngineError('render-failed', 'No face photo is open.');
      return await this.edit.exportAt(input, bitmap, this.read);
    } finally {
      bitmap.close();
    }
  }

  /** Once a live frame is out and no newer one waits: one generation ahead of a dragged slider (fillAhead). */
  async ahead(): Promise<void> {
    const edit = this.edit;
    if (!(edit instanceof PhotoEdit)) return;
    await nextTask();
    if (this.edit === edit && !this.priority.busy) edit.fillAhead();
  }

  /** A live frame's patch buffer, given back by the page: the open edit may write a later frame into it. */
  recycle(buffer: ArrayBuffer): void {
    if (this.edit instanceof PhotoEdit) this.edit.recycle(buffer);
  }

  /** Stops the job, and frees the photo and its edit. */
  close(): void {
    this.cancel();
    this.setEdit(null);
    this.photo?.bitmap.close();
    this.photo = null;
  }

  private setEdit(edit: PhotoEdit | GarmentEdit | null): void {
    this.edit?.dispose();
    this.edit = edit;
  }

  /** Downloads the face detector in the background (no tensors), so the first photo and offline use find it. */
  prefetch(detectorBase: string): void {
    prefetchDetector(detectorBase).catch(() => undefined); // retried when a photo arrives, and reported with it
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

  /** Runs `req` on `engine` (null: not loaded; it fails), stopping the job before; `opts`: the refinement to use. */
  async run(engine: LoadedModel | null, req: PhotoRequest, opts?: RefineOptions): Promise<void> {
    this.cancel();
    if (!engine) {
      req.bitmap?.close();
      const message = 'The model is not loaded yet.';
      this.emit({ type: 'photo-error', id: req.id, code: 'photo-failed', message, faces: [], width: 0, height: 0 });
      return;
    }
    const ctrl = new AbortController();
    this.running = ctrl;
    try {
      if (framesGarments(engine.model.manifest)) await this.runGarment(engine, req, ctrl, opts ?? GARMENT_REFINE);
      else await this.runFace(engine, req, ctrl, opts ?? DEFAULT_REFINE);
    } finally {
      if (this.running === ctrl) this.running = null;
    }
  }

  private async runFace(
    { model, detectorBase, segment }: LoadedModel,
    req: PhotoRequest,
    ctrl: AbortController,
    opts: RefineOptions,
  ): Promise<void> {
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
        if (e instanceof EngineError && e.code === 'no-face') photo.faces = [];
        throw e;
      });
      photo.faces = aligned.faces;
      // A job stopped while aligning (by a newer photo or close) leaves the edit alone: it is not the open photo's.
      const region = PhotoEdit.regionOf(model, photo.bitmap, aligned.transform);
      const matte = region && segment && !ctrl.signal.aborted ? await segment(photo.bitmap, region, this.read) : null;
      const edit = ctrl.signal.aborted
        ? null
        : PhotoEdit.create(model, photo.bitmap, aligned.transform, this.read, matte);
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
      await this.invert(model, edit, { id: req.id, target: aligned.target, signal: ctrl.signal, opts });
      // A failed pass (out of memory) ends the cache fill; frames still come from the generator.
      if (edit && this.edit === edit)
        fillSliderCache(edit, this.priority, () => this.edit === edit).catch(() => undefined);
    } catch (e) {
      this.emit({ type: 'photo-error', id: req.id, ...photoErrorOf(e), faces: plainFaces(photo?.faces), ...size });
    }
  }

  /**
   * Frames a garment picture and inverts it. Nothing of the open photo changes until the picture is framed: a face
   * photo or a picture without a garment is refused and the open one stays (its refinement stopped, its fit kept).
   */
  private async runGarment(
    { model, detectorBase }: LoadedModel,
    req: PhotoRequest,
    ctrl: AbortController,
    opts: RefineOptions,
  ): Promise<void> {
    const size = { width: req.bitmap?.width ?? 0, height: req.bitmap?.height ?? 0 };
    let framed: FramedGarment;
    try {
      if (!req.bitmap)
        throw new EngineError('photo-failed', 'A garment picture is framed once; there is none to redo.');
      framed = await this.frameGarment(model, req.bitmap, detectorBase);
    } catch (e) {
      this.emit({ type: 'photo-error', id: req.id, ...photoErrorOf(e), faces: [], ...size });
      return;
    } finally {
      req.bitmap?.close(); // nothing is pasted back into a garment picture, so it is not kept
    }
    if (ctrl.signal.aborted) {
      framed.preview.close();
      this.emit({ type: 'photo-done', id: req.id, reason: 'cancelled', step: 0, psnr: 0 });
      return;
    }
    this.photo?.bitmap.close();
    this.photo = null;
    const edit = new GarmentEdit(model);
    this.setEdit(edit);
    const garment = { box: framed.box, inverted: framed.inverted };
    const aligned = { type: 'photo-aligned' as const, id: req.id, faces: [], chosen: -1, ...size, alignError: null };
    this.emit({ ...aligned, crop: framed.preview, garment }, [framed.preview]);
    try {
      await this.invert(model, edit, { id: req.id, target: framed.target, signal: ctrl.signal, opts });
    } catch (e) {
      this.emit({ type: 'photo-error', id: req.id, ...photoErrorOf(e), faces: [], ...size });
    }
  }

  /** Inverts the photo's target; each fit goes to `edit` while it is the open one, else it is freed at once. */
  private invert(model: GanModel, edit: PhotoEdit | GarmentEdit | null, job: Parameters<typeof reportInversion>[2]) {
    const keep = (fit: PhotoFit) => (edit && this.edit === edit ? edit.setBase(fit) : fit.dispose());
    return reportInversion(this.emit, model, job, keep, this.gate);
  }
}
