// Photo -> aligned crop -> (z, y). Runs in the worker: the page decodes the file into an ImageBitmap (EXIF
// orientation applied) and transfers it here; detection, alignment, encoding and refinement all stay on-device.
import { alignmentError, alignmentTransform, type Landmarks, type Similarity } from '../photo/align';
import { FaceDetector, prefetchDetector, type DetectedFace } from './faceDetector';
import { encodePhoto, refine, DEFAULT_REFINE, type InversionReport, type RefineOptions } from './invert';
import type { FaceModel } from './faceModel';
import type { PhotoEvent, PhotoRequest } from './protocol';

/** Detection runs on at most this many pixels on the longer side; enough for faces down to ~40 px. */
export const DETECT_MAX_SIDE = 1024;
/** The aligned crop is drawn at this size first, then scaled to the model's resolution (a gentle two-step resample). */
const PREVIEW_SIDE = 256;

export interface AlignedPhoto {
  /** Every face found, largest first, in photo pixel coordinates. */
  faces: DetectedFace[];
  /** Which face was aligned (-1: a manual crop). */
  chosen: number;
  /** [res * res * 3] in the model's pixel range. */
  target: Float32Array;
  /** The aligned crop at PREVIEW_SIDE, for display; the receiver owns it. */
  preview: ImageBitmap;
  /** Mean landmark distance to the training positions after alignment, in model pixels (null: manual crop). */
  alignError: number | null;
}

import type { CropSquare } from './protocol';

let detector: Promise<FaceDetector> | null = null;

function getDetector(base: string): Promise<FaceDetector> {
  detector ??= FaceDetector.load(base).catch((e: unknown) => {
    detector = null; // let a later photo retry
    throw e;
  });
  return detector;
}

function pixelsOf(
  bitmap: ImageBitmap,
  maxSide: number,
): { data: Uint8ClampedArray; width: number; height: number; scale: number } {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is unavailable in this worker');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return { data: ctx.getImageData(0, 0, width, height).data, width, height, scale };
}

function scaleLandmarks(l: Landmarks, s: number): Landmarks {
  const f = (p: [number, number]): [number, number] => [p[0] / s, p[1] / s];
  return {
    leftEye: f(l.leftEye),
    rightEye: f(l.rightEye),
    nose: f(l.nose),
    mouthLeft: f(l.mouthLeft),
    mouthRight: f(l.mouthRight),
  };
}

function drawAligned(
  bitmap: ImageBitmap,
  t: Similarity,
  res: number,
  pixelRange: [number, number],
): { target: Float32Array; preview: ImageBitmap } {
  const big = new OffscreenCanvas(PREVIEW_SIDE, PREVIEW_SIDE);
  const bctx = big.getContext('2d');
  if (!bctx) throw new Error('2D canvas is unavailable in this worker');
  bctx.fillStyle = '#000';
  bctx.fillRect(0, 0, PREVIEW_SIDE, PREVIEW_SIDE);
  bctx.imageSmoothingQuality = 'high';
  const k = PREVIEW_SIDE / res;
  // canvas transform (a, b, c, d, e, f) maps x' = a x + c y + e, y' = b x + d y + f
  bctx.setTransform(t.a * k, t.b * k, -t.b * k, t.a * k, t.tx * k, t.ty * k);
  bctx.drawImage(bitmap, 0, 0);
  const small = new OffscreenCanvas(res, res);
  const sctx = small.getContext('2d', { willReadFrequently: true });
  if (!sctx) throw new Error('2D canvas is unavailable in this worker');
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(big, 0, 0, res, res);
  const rgba = sctx.getImageData(0, 0, res, res).data;
  const [lo, hi] = pixelRange;
  const target = new Float32Array(res * res * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4) {
    for (let c = 0; c < 3; c++) target[j++] = lo + ((rgba[i + c] as number) / 255) * (hi - lo);
  }
  return { target, preview: big.transferToImageBitmap() };
}

/**
 * Finds faces and aligns one (the largest unless `faceIndex` says otherwise) to the model's training framing, or
 * crops `manual` (a square in photo pixels) when given. Throws `NoFaceError` when nothing is found.
 */
export async function alignPhoto(
  model: FaceModel,
  bitmap: ImageBitmap,
  detectorBase: string,
  opts: { faceIndex?: number; manual?: CropSquare; faces?: DetectedFace[] } = {},
): Promise<AlignedPhoto> {
  const res = model.manifest.resolution;
  const target: Landmarks | undefined = model.manifest.alignment?.landmarks;
  if (!target) throw new Error(`Model ${model.manifest.id} declares no alignment landmarks`);
  let faces = opts.faces ?? [];
  let transform: Similarity;
  let chosen = -1;
  let alignError: number | null = null;
  if (opts.manual) {
    const s = res / opts.manual.size;
    transform = { a: s, b: 0, tx: -opts.manual.x * s, ty: -opts.manual.y * s };
  } else {
    if (!opts.faces) {
      const px = pixelsOf(bitmap, DETECT_MAX_SIDE);
      const found = await (await getDetector(detectorBase)).detect(px.data, px.width, px.height, 4);
      faces = found.map((f) => ({
        ...f,
        box: {
          x: f.box.x / px.scale,
          y: f.box.y / px.scale,
          width: f.box.width / px.scale,
          height: f.box.height / px.scale,
        },
        landmarks: scaleLandmarks(f.landmarks, px.scale),
      }));
    }
    chosen = Math.min(Math.max(opts.faceIndex ?? 0, 0), faces.length - 1);
    const face = faces[chosen];
    if (!face) throw new NoFaceError();
    transform = alignmentTransform(face.landmarks, target, res);
    alignError = alignmentError(face.landmarks, target, res);
  }
  const { target: pixels, preview } = drawAligned(bitmap, transform, res, model.manifest.pixelRange);
  return { faces, chosen, target: pixels, preview, alignError };
}

export class NoFaceError extends Error {
  override name = 'NoFaceError';
  constructor() {
    super('No face was found in this photo. Drag the box over the face to crop it by hand.');
  }
}

/** Encoder first (one report at step 0), then refinement reports until done, stalled or aborted. */
export async function* invertPhoto(
  model: FaceModel,
  target: Float32Array,
  signal: AbortSignal,
  opts: RefineOptions = DEFAULT_REFINE,
): AsyncGenerator<InversionReport> {
  const first = await encodePhoto(model, target);
  yield first;
  yield* refine(model, target, first, opts, signal);
}

/** The worker's photo job: align, encode, refine; every result goes out through `emit` as plain data. */
export class PhotoJobs {
  private photo: { bitmap: ImageBitmap; faces: DetectedFace[] | undefined } | null = null;
  private running: AbortController | null = null;

  constructor(
    private readonly detectorBase: string,
    private readonly emit: (event: PhotoEvent, transfer?: Transferable[]) => void,
  ) {}

  /** Downloads the face detector in the background (no tensors), so the first photo and offline use find it. */
  prefetch(): void {
    prefetchDetector(this.detectorBase).catch(() => {
      // Retried for real when a photo arrives; a failure then is reported with the photo.
    });
  }

  /** Stops the job now running (its 'photo-done' says 'cancelled'). */
  cancel(): void {
    this.running?.abort();
  }

  async run(model: FaceModel, req: PhotoRequest, opts: RefineOptions = DEFAULT_REFINE): Promise<void> {
    this.cancel();
    const ctrl = new AbortController();
    this.running = ctrl;
    if (req.bitmap) {
      this.photo?.bitmap.close();
      this.photo = { bitmap: req.bitmap, faces: undefined };
    }
    const photo = this.photo;
    const size = { width: photo?.bitmap.width ?? 0, height: photo?.bitmap.height ?? 0 };
    const plainFaces = (faces: DetectedFace[] | undefined) =>
      (faces ?? []).map((f) => ({ box: f.box, score: f.score }));
    try {
      if (!photo) throw new Error('There is no photo to align.');
      const aligned = await alignPhoto(model, photo.bitmap, this.detectorBase, {
        ...(req.faceIndex !== undefined ? { faceIndex: req.faceIndex } : {}),
        ...(req.manual ? { manual: req.manual } : {}),
        ...(photo.faces ? { faces: photo.faces } : {}),
      }).catch((e: unknown) => {
        if (e instanceof NoFaceError) photo.faces = [];
        throw e;
      });
      photo.faces = aligned.faces;
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
      for await (const r of invertPhoto(model, aligned.target, ctrl.signal, opts)) {
        last = r;
        this.emit({
          type: 'photo-step',
          id: req.id,
          step: r.step,
          maxSteps: opts.steps,
          psnr: r.psnr,
          latent: r.latent,
          attributes: r.attributes,
        });
      }
      const reason = ctrl.signal.aborted ? 'cancelled' : last && last.step >= opts.steps ? 'max-steps' : 'converged';
      this.emit({ type: 'photo-done', id: req.id, reason, step: last?.step ?? 0, psnr: last?.psnr ?? 0 });
    } catch (e) {
      const noFace = e instanceof NoFaceError;
      this.emit({
        type: 'photo-error',
        id: req.id,
        code: noFace ? 'no-face' : 'photo-failed',
        message: e instanceof Error ? e.message : String(e),
        faces: plainFaces(photo?.faces),
        ...size,
      });
    } finally {
      if (this.running === ctrl) this.running = null;
    }
  }
}
