// The only vocabulary spoken across the worker boundary. Both sides import these types; nothing here is a tensor.
import type { Attribute } from '../latent/attributes';
import type { Box } from '../photo/pasteBack';
import type { AttributePriorRow } from '../latent/prior';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export type LoadPhase = 'download' | 'backend' | 'warmup';

export type EngineErrorCode =
  | 'model-not-found'
  | 'bad-manifest'
  | 'network'
  | 'backend-unavailable'
  | 'render-failed'
  | 'not-loaded'
  | 'worker-crashed';

/** Why a photo job failed; reported on the photo, not as a screen-level error. */
export type PhotoErrorCode = 'no-face' | 'photo-failed' | 'face-photo' | 'no-garment';

/** Why a batch failed besides the engine's own codes: stopped (by its caller or a model reload), or bad inputs. */
export type BatchErrorCode = 'aborted' | 'bad-input';

/**
 * The engine's one error type, on both sides of the boundary: the worker throws it and sends its code and message as
 * an 'error' or 'photo-error' event; the client rebuilds it to reject the caller's promise.
 */
export class EngineError<
  Code extends EngineErrorCode | PhotoErrorCode | BatchErrorCode = EngineErrorCode | PhotoErrorCode | BatchErrorCode,
> extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

/** The parts of the manifest the page needs; plain data, safe to clone. */
export interface ModelInfo {
  id: string;
  name: string;
  resolution: number;
  latent: { size: number; mean: number; std: number };
  attributes: Attribute[];
  licence?: string;
  /** Joint counts of the training labels, when the manifest declares them (src/latent/prior.ts). */
  attributePrior?: AttributePriorRow[];
  /** 1: grey frames (still sent as RGBA); 3 (absent): colour. */
  channels?: 1 | 3;
  /** Class names when the attributes are one weight per class (one-hot), in attribute order. */
  classes?: string[];
  /** Training iterations of the generator snapshots a frame may use (FrameInput.snapshot), oldest first. */
  snapshots?: number[];
  /** Whether frames come with the discriminator's verdict (FrameInfo.verdict). */
  discriminator?: boolean;
  /** True when photos cannot be put in this model's framing: it declares neither face landmarks nor a framing. */
  noPhotos?: boolean;
  /** True when photos are framed as garments (the manifest's `framing`, no face landmarks) instead of aligned faces. */
  framesGarments?: boolean;
  /** The classes (indices into `classes`) of the real test images shipped with the model, in their order. */
  testImages?: number[];
}

export interface FrameInput {
  latent: Float32Array; // [latent.size]
  attributes: Float32Array; // [attributes.length], manifest order
  /** A training snapshot's generator (index into ModelInfo.snapshots) instead of the final one; live frames only. */
  snapshot?: number;
}

/** A square in photo pixels, for a crop made by hand. */
export type CropSquare = { x: number; y: number; size: number };

export type PhotoFace = { box: Box; score: number };

export type PhotoRequest = {
  type: 'photo';
  id: number;
  /** The decoded photo (orientation applied); absent = align the previous photo again (another face, a manual crop). */
  bitmap?: ImageBitmap;
  faceIndex?: number;
  manual?: CropSquare;
};

/**
 * Many faces at once (maps, sweeps, grids, exports): each input rendered like a live frame at `size` px (0: no
 * frames), and with `read` the model's attribute encoder E_y's reading of each generated face. The worker renders it
 * in chunks, in the queue with live frames, and answers with 'batch-chunk' events, then 'batch-done' or 'batch-error'.
 */
export type BatchRequest = {
  type: 'batch';
  id: number;
  inputs: FrameInput[];
  size: number;
  read: boolean;
  // Also each input's gradient of these attributes' E_y readings with respect to [z; y] (readingGradients.ts).
  gradientOf?: number[];
};

/**
 * Pictures for the discriminator: `pictures` (grey bytes, resolution x resolution row-major, 0 = black) and then the
 * model's real test images by index (`testImages`). `classes[i]` judges picture i as that class; absent or null: a test
 * image as its label, any other picture as D's own class guess.
 */
export interface JudgeInput {
  pictures?: Uint8Array[];
  testImages?: number[];
  classes?: (number | null)[];
}

/** D's verdict on one picture (above 0 leans real) as class `asClass`; `guess`: D's own class guess (null: none). */
export type PictureVerdict = { verdict: number; asClass: number | null; guess: number | null };

/** The answer to 'judge': a verdict per picture, and each picture as judged (grey bytes, framed at the resolution). */
export type Judged = { verdicts: PictureVerdict[]; pictures: Uint8Array[] };

/**
 * The face the live camera follows in a frame: the detector's box (moved with the face between detections), the
 * region the edit may change (null: none in the frame), the face's own smoothed code, and how it was found.
 */
export interface CameraFace {
  box: Box;
  region: Box | null;
  code: FrameInput;
  how: 'detected' | 'followed';
}

export type EngineRequest =
  | { type: 'load'; modelUrl: string; backend: BackendChoice }
  // photo: also paste the frame's edit onto the open photo (a 'frame' with its `photo` part), when one is open;
  // exact: the generator's own frame, never one blended from the slider cache.
  | ({ type: 'render'; id: number; photo: boolean; exact?: boolean; seq?: number } & FrameInput)
  | { type: 'memory'; id: number }
  // The discriminator's verdicts on pictures, in the queue with frames; answered by 'judged' or an 'error' with this id.
  | ({ type: 'judge'; id: number } & JudgeInput)
  | PhotoRequest
  // The open photo's edited face region at the size of `bitmap` (the photo decoded again, e.g. at full resolution;
  // transferred, the engine closes it). Answered by 'photo-exported' or an 'error' with this id.
  | ({ type: 'photo-export'; id: number; bitmap: ImageBitmap } & FrameInput)
  // 'photo-cancel' stops the photo job now running, if any; 'photo-close' stops it and frees the photo and every tensor
  // of its edit. Both handled at once, not queued.
  | { type: 'photo-cancel' | 'photo-close' }
  // Hold refinement before its next step (tensors kept; a photo started while paused stops at step 0) until resumed;
  // 'photo-advance' runs one step while paused, reported as a 'photo-step'. All handled at once.
  | { type: 'photo-pause' | 'photo-resume' | 'photo-advance' }
  // A slider is pressed: a drag's frames follow, so refinement and batch chunks wait from now as during a drag, and
  // batch chunks until it is released ('drag-end'), not only as long as their patience with playback lasts.
  | { type: 'drag-start'; seq?: number }
  | { type: 'drag-end' }
  // Where the page counts the frame requests it posts (inbound.ts; `seq` numbers them): sent first, if at all.
  | { type: 'inbound'; buffer: SharedArrayBuffer }
  // A live frame's patch buffer (LivePatch.data's), drawn and given back for a later frame to be written into.
  | { type: 'photo-buffer'; buffer: ArrayBuffer }
  | BatchRequest
  // A camera frame to edit (transferred; the engine closes it): the face followed, and with `edit` moved by the sliders
  // (`input`) against the face's own code they started from (`reference`). capturedAt: the frame's time in ms.
  // Always answered by a 'camera-frame' (its error says why it failed). A newer frame replaces one still waiting.
  | {
      type: 'camera-frame';
      id: number;
      bitmap: ImageBitmap;
      capturedAt: number;
      edit?: { input: FrameInput; reference: FrameInput };
    }
  // The camera stopped: the followed face and its smoothing are forgotten (handled at once).
  | { type: 'camera-stop' }
  // Stops batch `id` before its next chunk; it answers 'batch-error' with code 'aborted' (handled at once).
  | { type: 'batch-cancel'; id: number };

/**
 * A live frame's face region of the open photo with the edit pasted in: RGBA bytes (alpha 255), at most 640 px (see
 * PhotoEdit); `box` is where it goes, in photo pixels. Its buffer is transferred; the page gives it back
 * ('photo-buffer') once the frame is drawn and replaced. approximate: blended between two values of the
 * slider cache (sliderCache.ts), and replaced by the exact frame once the slider rests.
 */
export interface LivePatch {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
  box: Box;
  approximate?: boolean;
}

/** The open photo's face region with an edit pasted in, at the size asked for; `box` is where it goes. */
export type PhotoPatch = { bitmap: ImageBitmap; box: Box };

export type PhotoDoneReason = 'converged' | 'max-steps' | 'cancelled';

/** How a garment picture was framed: the garment's box in the picture, and whether a light background was negated. */
export interface GarmentFraming {
  box: Box;
  inverted: boolean;
}

export type PhotoEvent =
  // The crop that will be inverted, at 256 px; the receiver owns (and closes) it.
  // alignError: mean distance (model pixels) between the chosen face's landmarks, aligned, and where the training
  // crops have them; null for a manual crop.
  | {
      type: 'photo-aligned';
      id: number;
      faces: PhotoFace[];
      chosen: number;
      width: number;
      height: number;
      crop: ImageBitmap;
      alignError: number | null;
      /** A garment picture: where the garment was found (photo pixels), and whether the picture was negated. */
      garment?: GarmentFraming;
    }
  // step 0 is the encoder's result; later steps are refinement. PSNR in dB against the aligned crop; loss: the
  // objective refinement minimises (pixel MSE plus the feature offset's L2 penalty), in the model's pixel range.
  | ({ type: 'photo-step'; id: number; step: number; maxSteps: number; psnr: number; loss: number } & FrameInput)
  | { type: 'photo-done'; id: number; reason: PhotoDoneReason; step: number; psnr: number }
  | {
      type: 'photo-error';
      id: number;
      code: PhotoErrorCode;
      message: string;
      faces: PhotoFace[];
      width: number;
      height: number;
    };

export type BatchEvent =
  // The next inputs' results, in input order: `done` of `total` are finished. The receiver owns the bitmaps (`size`
  // px, none when size is 0); readings (with `read`): one value per manifest attribute, in the sliders' scale.
  | {
      type: 'batch-chunk';
      id: number;
      done: number;
      total: number;
      bitmaps: ImageBitmap[];
      readings: Float32Array[];
      // With gradientOf: per input, each asked attribute's d reading / d [z; y], one after another.
      gradients?: Float32Array[];
    }
  | { type: 'batch-done'; id: number }
  | { type: 'batch-error'; id: number; code: EngineErrorCode | BatchErrorCode; message: string };

export type EngineEvent =
  | { type: 'progress'; phase: LoadPhase; progress: number; detail?: string }
  | { type: 'ready'; model: ModelInfo; backend: BackendName; candidates: Partial<Record<BackendName, number>> }
  // RGBA bitmap at the model's resolution; ownership moves to the receiver, who must close() it.
  // photo: the open photo's face region with the edit, for a render with `photo` set.
  // verdict: the discriminator's score for the frame (above 0 leans real), when the model has one.
  | { type: 'frame'; id: number; bitmap: ImageBitmap; renderMs: number; photo?: LivePatch; verdict?: number }
  // The answer to 'photo-export': the face region at the size asked for; the receiver owns the bitmap.
  | ({ type: 'photo-exported'; id: number } & PhotoPatch)
  | { type: 'memory'; id: number; numTensors: number }
  | ({ type: 'judged'; id: number } & Judged)
  // A camera frame with its edit drawn in (the receiver owns the bitmap); face: null when none was found; stages: ms
  // spent in each step. No bitmap: a newer frame replaced this one before it ran (skipped), or it failed (error).
  | {
      type: 'camera-frame';
      id: number;
      bitmap: ImageBitmap | null;
      face: CameraFace | null;
      stages: Record<string, number>;
      skipped?: boolean;
      error?: string;
    }
  | { type: 'error'; id?: number; code: EngineErrorCode; message: string }
  | PhotoEvent
  | BatchEvent;

export function isBackendName(value: unknown): value is BackendName {
  return value === 'webgpu' || value === 'webgl' || value === 'wasm' || value === 'cpu';
}

/** Reads `?backend=` from a query string; anything unknown means auto. */
export function backendFromQuery(search: string): BackendChoice {
  const value = new URLSearchParams(search).get('backend');
  return isBackendName(value) ? value : 'auto';
}

/** The `default` of a `switch` over a message's `type`: it compiles only when every member is handled. */
export function unhandled(message: never): never {
  throw new Error(`Unhandled engine message: ${JSON.stringify(message)}`);
}
