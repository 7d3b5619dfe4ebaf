// The live mirror, in the worker: each camera frame is edited on the same path as a photo (photoEdit.ts), without
// refinement. Per frame: follow the face (the landmark network in the box where it was; the detector every few frames
// or when the face is lost: src/camera/faceTrack.ts), smooth its landmarks and its code over time (One Euro), align,
// encode, generate the face's own code and the edited one in one generator pass, read the pair as edit fields, warp
// the frame's own pixels through them, and draw the frame with its edited face region. No tensor outlives a frame; the
// person matte is remade every few frames.
import * as tf from '@tensorflow/tfjs';
import { alignmentTransform, type Landmarks } from '../../photo/align';
import { editFields } from '../../photo/editFields';
import { foreheadRows } from '../../photo/textureSource';
import { LIVE_FLOW_ITERATIONS } from '../../photo/editFlow';
import { matteOnCrop, matteOnPatch, type PersonMatte } from '../../photo/personMatte';
import { createWarpPlan, warpWithPlan } from '../../photo/warpBlend';
import { editMargin, extendSimilarity, faceMask, faceRegion, patchToCrop, type Box } from '../../photo/pasteBack';
import { DETECT_EVERY, followBox, landmarksOf, landmarkVector, stillFollowing } from '../../camera/faceTrack';
import { OneEuroFilter } from '../../camera/oneEuro';
import { alignCanvases, alignedTarget, getDetector, pixelsOf, type AlignCanvases } from './alignPhoto';
import type { DetectOptions } from './faceDetector';
import type { Segmenter } from './personSegmenter';
import type { RegionReader } from './regionReader';
import type { GanModel } from '../model/ganModel';
import type { CameraFace, FrameInput } from '../protocol';

/** Camera frames are searched at most this size (the longer side); landmarks come back in the frame's pixels. */
const DETECT_SIDE = 480;
/** Between detections the landmark network reads a square around the face at its own input size. */
const LANDMARK_INPUT = 112;
/** One size of the tiny detector, no SSD and no rotations: a face in a webcam is upright and large. */
export const CAMERA_DETECT: DetectOptions = {
  tinySizes: [320],
  tinyMinScore: 0.5,
  ssd: 'never',
  ssdMinScore: 0.5,
  extraFaceMinScore: 1,
  quarterRotations: [],
};
/**
 * The person matte is remade every this many frames, or sooner when the face region has moved by a tenth of its
 * size since; in between it is carried along with the face region (carried()). Rarely enough that its cost stays out
 * of the p95 delay.
 */
const MATTE_EVERY = 24;
const MATTE_MOVE = 0.1;
/**
 * An edit's fields are made again when the face's code has moved by this much (root mean square over z and y) since
 * they were made, or the sliders have, or every FIELDS_EVERY frames; in between they are reused, warped through each
 * frame's own alignment. Alignment takes the head's motion out of the code, so a still or moving head keeps its
 * edit's fields, which saves the generator pass and the flow, and keeps the edit from flickering with the encoder.
 */
const CODE_STILL = 0.04;
const FIELDS_EVERY = 24;
/** The edit's face region is drawn at most this many pixels on its longer side (as the photo preview). */
const PATCH_MAX_SIDE = 640;
// Landmarks in frame pixels: steady at rest (detector jitter is about a pixel), quick once the head moves (tens of
// pixels a second). The code: the encoder's jitter on an unmoving face is small in absolute terms; its changes when
// the face does change (a smile) are larger and followed.
const LANDMARK_SMOOTHING = { minCutoff: 1.2, beta: 0.04, derivativeCutoff: 1 };
const CODE_SMOOTHING = { minCutoff: 0.8, beta: 0.3, derivativeCutoff: 1 };

/** How one camera frame should be edited: the sliders (`input`) against the face's own code they started from. */
export interface MirrorEdit {
  input: FrameInput;
  reference: FrameInput;
}

export interface MirrorFrame {
  /** The frame with its edited face region drawn in; the receiver owns it. */
  bitmap: ImageBitmap;
  face: CameraFace | null;
  /** Milliseconds in each stage of this frame. */
  stages: Record<string, number>;
}

/**
 * `matte`, made when the face region was `then`, moved and scaled with the region to where it is `now`: the person
 * moves with the head, and a matte left where the head was would let the edit spill onto the backdrop it uncovered.
 */
function carried(matte: PersonMatte, then: Box, now: Box): PersonMatte {
  const k = now.width / then.width;
  const cx = (b: Box) => b.x + b.width / 2;
  const cy = (b: Box) => b.y + b.height / 2;
  return {
    ...matte,
    x: cx(now) + (matte.x - cx(then)) * k,
    y: cy(now) + (matte.y - cy(then)) * k,
    side: matte.side * k,
  };
}

type EditDelta = { latent: Float32Array; attributes: Float32Array };

const sameDelta = (a: EditDelta, b: EditDelta) =>
  a.latent.every((v, i) => v === b.latent[i]) && a.attributes.every((v, i) => v === b.attributes[i]);

/** The amounts an edit moves a code by (sliders minus the reference); null when it moves nothing. */
function editDelta(edit: MirrorEdit | null): EditDelta | null {
  if (!edit) return null;
  const latent = edit.input.latent.map((v, i) => v - (edit.reference.latent[i] ?? v));
  const attributes = edit.input.attributes.map((v, i) => v - (edit.reference.attributes[i] ?? v));
  const moves = (a: Float32Array) => a.some((v) => Math.abs(v) > 1e-6);
  return moves(latent) || moves(attributes) ? { latent, attributes } : null;
}

export class LiveMirror {
  private followed: { box: Box; landmarks: Landmarks; detected: { box: Box; landmarks: Landmarks } } | null = null;
  private sinceDetection = 0;
  private readonly landmarkFilter = new OneEuroFilter(LANDMARK_SMOOTHING);
  private readonly codeFilter = new OneEuroFilter(CODE_SMOOTHING);
  private matte: { matte: PersonMatte; age: number; box: Box } | null = null;
  private fields: { code: Float64Array; delta: EditDelta; fields: Float32Array; age: number } | null = null;
  private readonly mask: Float32Array;
  private readonly margin: number;
  private readonly target: Landmarks;
  /** Canvases kept from frame to frame, so that a frame makes none (each costs a few milliseconds here). */
  private readonly aligning: AlignCanvases;
  private readonly canvases = new Map<string, OffscreenCanvasRenderingContext2D>();

  constructor(
    private readonly model: GanModel,
    private readonly detectorBase: string,
    private readonly segment: Segmenter | undefined,
    private readonly read: RegionReader,
  ) {
    const landmarks = model.manifest.alignment?.landmarks;
    if (!landmarks || !model.hasEncoder) throw new Error(`Model ${model.manifest.id} cannot edit faces in video`);
    const res = model.manifest.resolution;
    this.target = landmarks;
    this.margin = editMargin(res);
    this.mask = faceMask(landmarks, res, this.margin);
    this.aligning = alignCanvases(res);
  }

  /** The kept canvas for `use`, at width x height (cleared). */
  private canvas(use: string, width: number, height: number): OffscreenCanvasRenderingContext2D {
    let ctx = this.canvases.get(use);
    if (!ctx) {
      ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true }) ?? undefined;
      if (!ctx) throw new Error('2D canvas is unavailable in this worker');
      this.canvases.set(use, ctx);
    }
    if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
      ctx.canvas.width = width;
      ctx.canvas.height = height;
    } else ctx.clearRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    return ctx;
  }

  /** `box` of `bitmap` at width x height, through the kept canvas for `use` (as readRegion, without a new canvas). */
  private readBox(use: string, bitmap: ImageBitmap, box: Box, width: number, height: number): ImageData {
    const ctx = this.canvas(use, width, height);
    ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height);
  }

  /** `frame` with `patch` drawn over `box` (scaled to it), as a new bitmap; closes `frame`. */
  private compose(frame: ImageBitmap, patch: ImageData, box: Box): ImageBitmap {
    const ctx = this.canvas('frame', frame.width, frame.height);
    ctx.drawImage(frame, 0, 0);
    frame.close();
    if (patch.width === box.width && patch.height === box.height) {
      ctx.putImageData(patch, box.x, box.y);
    } else {
      const small = this.canvas('patch-scaled', patch.width, patch.height);
      small.putImageData(patch, 0, 0);
      ctx.drawImage(small.canvas, box.x, box.y, box.width, box.height);
    }
    return ctx.canvas.transferToImageBitmap();
  }

  /** Forgets the face followed, its smoothing and its matte: the next frame starts with the detector. */
  reset(): void {
    this.followed = null;
    this.matte = null;
    this.fields = null;
    this.landmarkFilter.reset();
    this.codeFilter.reset();
  }

  /**
   * `bitmap` (a camera frame, taken over: closed or passed on) with `edit` applied to its face; `seconds`: when it was
   * captured (smoothing needs the time between frames). A frame without a face comes back as it was.
   */
  async frame(bitmap: ImageBitmap, edit: MirrorEdit | null, seconds: number): Promise<MirrorFrame> {
    const stages: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      stages[name] = (stages[name] ?? 0) + now - t0;
      t0 = now;
    };
    const res = this.model.manifest.resolution;
    const found = await this.follow(bitmap);
    lap(found?.how === 'detected' ? 'detect' : 'follow');
    if (!found) {
      this.reset();
      return { bitmap, face: null, stages };
    }
    const smoothed = landmarksOf(this.landmarkFilter.filter(landmarkVector(found.landmarks), seconds));
    const transform = alignmentTransform(smoothed, this.target, res);
    const target = alignedTarget(bitmap, transform, res, this.model.manifest.pixelRange, this.aligning);
    lap('align');
    const raw = await this.encode(target);
    const code = this.codeFilter.filter(raw, seconds);
    const size = this.model.manifest.latent.size;
    const own: FrameInput = {
      latent: Float32Array.from(code.subarray(0, size)),
      attributes: Float32Array.from(code.subarray(size)),
    };
    lap('encode');
    const canvasT = extendSimilarity(transform, this.margin);
    const side = res + 2 * this.margin;
    const box = faceRegion(canvasT, side, bitmap.width, bitmap.height);
    const face: CameraFace = { box: found.box, region: box, code: own, how: found.how };
    const delta = editDelta(edit);
    if (!delta || !box) return { bitmap, face, stages };

    if (this.segment && this.matteDue(box)) {
      const matte = await this.segment(bitmap, box, this.read).catch(() => null);
      this.matte = matte ? { matte, age: 0, box } : null;
      lap('matte');
    }
    if (this.matte) this.matte.age++;
    const matte = this.matte ? carried(this.matte.matte, this.matte.box, box) : null;
    let fields = this.reusableFields(code, delta);
    if (!fields) {
      const [base, edited] = await this.generatePair(own, delta);
      lap('generate');
      const person = matte ? matteOnCrop(matte, transform, res) : null;
      const forehead = foreheadRows(this.target, res);
      fields = editFields(base, edited, res, this.margin, person, forehead, null, LIVE_FLOW_ITERATIONS);
      this.fields = { code, delta, fields, age: 0 };
      lap('fields');
    }
    const k = Math.min(1, PATCH_MAX_SIDE / Math.max(box.width, box.height));
    const pw = Math.max(1, Math.round(box.width * k));
    const ph = Math.max(1, Math.round(box.height * k));
    const patch = this.readBox('patch', bitmap, box, pw, ph);
    const onPatch = matte ? matteOnPatch(matte, box, pw, ph) : null;
    // A plan for one frame: the JS loop over its pixels costs less than setting up the SIMD kernel for them.
    const plan = createWarpPlan(patch, this.mask, side, patchToCrop(canvasT, box, pw, ph), onPatch, [0, ph]);
    const data = warpWithPlan(plan, fields, new Uint8ClampedArray(patch.data)) as Uint8ClampedArray<ArrayBuffer>;
    lap('warp');
    const out = this.compose(bitmap, new ImageData(data, pw, ph), box);
    lap('draw');
    return { bitmap: out, face, stages };
  }

  /** Whether the person matte should be made again for a face region `box`. */
  private matteDue(box: Box): boolean {
    const m = this.matte;
    if (!m || m.age >= MATTE_EVERY) return true;
    const moved = Math.hypot(box.x - m.box.x, box.y - m.box.y, box.width - m.box.width);
    return moved > MATTE_MOVE * m.box.width;
  }

  /** The last frame's fields, when neither the face's code nor the edit has moved enough since (CODE_STILL). */
  private reusableFields(code: Float64Array, delta: EditDelta): Float32Array | null {
    const f = this.fields;
    if (!f || f.age >= FIELDS_EVERY || !sameDelta(f.delta, delta) || f.code.length !== code.length) return null;
    let sq = 0;
    for (let i = 0; i < code.length; i++) sq += (code[i]! - f.code[i]!) ** 2;
    if (Math.sqrt(sq / code.length) > CODE_STILL) return null;
    f.age++;
    return f.fields;
  }

  /** The face in this frame: followed from the last one, or found by the detector (every DETECT_EVERY frames, or when lost). */
  private async follow(
    bitmap: ImageBitmap,
  ): Promise<{ box: Box; landmarks: Landmarks; how: 'detected' | 'followed' } | null> {
    const detector = await getDetector(this.detectorBase);
    const prev = this.followed;
    if (prev && this.sinceDetection < DETECT_EVERY) {
      const look = followBox(prev.detected.box, prev.detected.landmarks, prev.landmarks);
      const side = Math.max(look.width, look.height);
      const square = {
        x: look.x + look.width / 2 - side / 2,
        y: look.y + look.height / 2 - side / 2,
        width: side,
        height: side,
      };
      const k = side / LANDMARK_INPUT;
      const now = await detector
        .landmarksIn(this.readBox('landmarks', bitmap, square, LANDMARK_INPUT, LANDMARK_INPUT))
        .then((l) => landmarksOf(landmarkVector(l).map((v, i) => (i % 2 ? square.y : square.x) + v * k)))
        .catch(() => null);
      if (now && stillFollowing(prev.landmarks, now, this.target, this.model.manifest.resolution)) {
        this.sinceDetection++;
        this.followed = { ...prev, box: look, landmarks: now };
        return { box: look, landmarks: now, how: 'followed' };
      }
    }
    const { data, width, height, scale } = pixelsOf(bitmap, DETECT_SIDE);
    const faces = await detector.detect(data, width, height, 4, CAMERA_DETECT);
    const best = faces[0];
    this.sinceDetection = 0;
    if (!best) {
      this.followed = null;
      return null;
    }
    const b = best.box;
    const box = { x: b.x / scale, y: b.y / scale, width: b.width / scale, height: b.height / scale };
    const landmarks = landmarksOf(landmarkVector(best.landmarks).map((v) => v / scale));
    this.followed = { box, landmarks, detected: { box, landmarks } };
    return { box, landmarks, how: 'detected' };
  }

  /** The encoder's code of the aligned crop, latent then attributes, as one vector. */
  private async encode(target: Float32Array): Promise<Float32Array> {
    const r = this.model.manifest.resolution;
    const code = tf.tidy(() => {
      const enc = this.model.encode(tf.tensor4d(target, [1, r, r, this.model.manifest.channels ?? 3]));
      return tf.concat([enc.latent, enc.attributes], 1);
    });
    try {
      return (await code.data()) as Float32Array;
    } finally {
      code.dispose();
    }
  }

  /** G(own) and G(own + delta) in one generator pass, each r x r x 3 in byte units. */
  private async generatePair(own: FrameInput, delta: EditDelta): Promise<[Float32Array, Float32Array]> {
    const { resolution: r, pixelRange } = this.model.manifest;
    const [lo, hi] = pixelRange;
    const pair = (a: Float32Array, d: Float32Array) => {
      const both = new Float32Array(2 * a.length);
      both.set(a);
      for (let i = 0; i < a.length; i++) both[a.length + i] = a[i]! + d[i]!;
      return tf.tensor2d(both, [2, a.length]);
    };
    const images = tf.tidy(() => {
      const z = pair(own.latent, delta.latent);
      const y = pair(own.attributes, delta.attributes);
      return this.model
        .generate(z, y)
        .sub(lo)
        .mul(255 / (hi - lo));
    });
    try {
      const all = (await images.data()) as Float32Array;
      const n = r * r * 3;
      return [all.slice(0, n), all.slice(n, 2 * n)];
    } finally {
      images.dispose();
    }
  }
}
