// The edit put back onto the photo: what an edit changes in the generator's output, G(z, y) - G(z0, y0), carried
// from the crop onto the photo's face region by the inverse alignment and blended in with a soft mask. Where the edit
// changes nothing (or the mask is 0) the photo's own pixels come back exactly.
import * as tf from '@tensorflow/tfjs';
import type { Similarity } from '../photo/align';
import { faceMask, faceRegion, patchToCrop, scaleSimilarity, type Box } from '../photo/pasteBack';
import type { FaceModel } from './faceModel';
import type { PhotoFit } from './photoFit';
import type { FrameInput } from './protocol';
import { opaque, readRgba, toRgba, type RgbaFrame } from './renderer';

/** RGBA pixels of part of a photo. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Reads `box` of `bitmap` drawn at width x height (in the worker: OffscreenCanvas, see readRegion). */
export type RegionReader = (bitmap: ImageBitmap, box: Box, width: number, height: number) => RgbaImage;

/** The live view's face region is drawn at most this many pixels on its longer side; downloads use full size. */
export const PREVIEW_MAX_SIDE = 640;

/** One live frame: the generated face at the model's size, and the photo's face region with the edit pasted in. */
export interface EditFrame {
  face: RgbaFrame;
  patch: RgbaFrame;
  /** Where `patch` goes, in the photo's pixels (the photo as the engine holds it). */
  box: Box;
}

/**
 * `patch` + mask * diff, the [diff RGB (byte units), mask] `layer` ([1, r, r, 4], crop pixels) carried onto the
 * patch by `params` (patchToCrop's projective form), rounded and clipped: [H, W, 4] int32 RGBA, opaque. `patch` is
 * [H, W, 3] whole bytes as floats, so where the mask is 0 its values come back unchanged. Call inside tidy.
 */
export function pasteBack(patch: tf.Tensor3D, layer: tf.Tensor4D, params: number[]): tf.Tensor3D {
  const [height, width] = patch.shape;
  const warped = tf.image
    .transform(layer, tf.tensor2d([params], [1, 8]), 'bilinear', 'constant', 0, [height, width])
    .squeeze([0]);
  const diff = warped.slice([0, 0, 0], [height, width, 3]);
  const mask = warped.slice([0, 0, 3], [height, width, 1]);
  return opaque(patch.add(diff.mul(mask)).clipByValue(0, 255).round() as tf.Tensor3D);
}

/** A RegionReader for the worker: `box` of `bitmap` drawn at width x height with OffscreenCanvas. */
export function readRegion(bitmap: ImageBitmap, box: Box, width: number, height: number): RgbaImage {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is unavailable in this worker');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

function pixelsToTensor(image: RgbaImage): tf.Tensor3D {
  const { width, height, data } = image;
  return tf.tidy(() => tf.tensor3d(Float32Array.from(data), [height, width, 4]).slice([0, 0, 0], [height, width, 3]));
}

/**
 * One open photo's edit. Owns (dispose() frees them) its face region at preview size, the mask, the photo's fit
 * (invert.ts: per-layer codes and feature offset) and its unedited generation G_fit(z0, y0), recomputed lazily when
 * refinement hands over a newer fit. Every frame is G_fit(z, y): the photo's own generator, edited.
 */
export class PhotoEdit {
  private fit: PhotoFit | null = null;
  private baseImage: tf.Tensor4D | null = null; // [1, r, r, 3] in pixelRange

  private constructor(
    private readonly model: FaceModel,
    private readonly transform: Similarity, // photo -> crop at the model's resolution
    private readonly photo: { width: number; height: number },
    readonly box: Box,
    private readonly patch: tf.Tensor3D, // [h, w, 3] bytes as floats, the face region at preview size
    private readonly mask: tf.Tensor4D, // [1, r, r, 1] in [0, 1]
  ) {}

  /** The edit of `bitmap` aligned by `transform`; null when the crop does not touch the photo. */
  static create(model: FaceModel, bitmap: ImageBitmap, transform: Similarity, read: RegionReader): PhotoEdit | null {
    const { resolution: res } = model.manifest;
    const landmarks = model.manifest.alignment?.landmarks;
    if (!landmarks) throw new Error(`Model ${model.manifest.id} declares no alignment landmarks`);
    const box = faceRegion(transform, res, bitmap.width, bitmap.height);
    if (!box) return null;
    const k = Math.min(1, PREVIEW_MAX_SIDE / Math.max(box.width, box.height));
    const pw = Math.max(1, Math.round(box.width * k));
    const ph = Math.max(1, Math.round(box.height * k));
    const patch = pixelsToTensor(read(bitmap, box, pw, ph));
    const mask = tf.tensor4d(faceMask(landmarks, res), [1, res, res, 1]);
    return new PhotoEdit(model, transform, { width: bitmap.width, height: bitmap.height }, box, patch, mask);
  }

  /** The photo's fit (owned from now on): frames are generated by it, and edits measured from its own input. */
  setBase(fit: PhotoFit): void {
    this.fit?.dispose();
    this.fit = fit;
    this.baseImage?.dispose();
    this.baseImage = null;
  }

  /** The live frame for `input`, at preview size. */
  async frame(input: FrameInput): Promise<EditFrame> {
    const [width, height] = [this.patch.shape[1], this.patch.shape[0]];
    const params = patchToCrop(this.transform, this.box, width, height);
    const pixelRange = this.model.manifest.pixelRange;
    const [[face], patch] = this.compose(input, (g) => [toRgba(g, pixelRange)], this.patch, params);
    const [faceFrame, patchFrame] = await Promise.all([readRgba(face!), readRgba(patch)]);
    return { face: faceFrame, patch: patchFrame, box: this.box };
  }

  /**
   * The edited face region of `bitmap` (the same photo decoded at another size, e.g. its full resolution), at that
   * size, and where it goes in it.
   */
  async exportAt(input: FrameInput, bitmap: ImageBitmap, read: RegionReader): Promise<{ patch: RgbaFrame; box: Box }> {
    const k = bitmap.width / this.photo.width;
    const t = scaleSimilarity(this.transform, k);
    const box = faceRegion(t, this.model.manifest.resolution, bitmap.width, bitmap.height);
    if (!box) throw new Error('The face is outside this photo');
    const full = pixelsToTensor(read(bitmap, box, box.width, box.height));
    try {
      const [, patch] = this.compose(input, () => [], full, patchToCrop(t, box, box.width, box.height));
      return { patch: await readRgba(patch), box };
    } finally {
      full.dispose();
    }
  }

  dispose(): void {
    this.patch.dispose();
    this.mask.dispose();
    this.baseImage?.dispose();
    this.baseImage = null;
    this.fit?.dispose();
    this.fit = null;
  }

  /** Generates `input`, pastes its difference from the base onto `patch`; `extra` adds tensors from G(z, y). */
  private compose(
    input: FrameInput,
    extra: (g: tf.Tensor4D) => tf.Tensor3D[],
    patch: tf.Tensor3D,
    params: number[],
  ): [tf.Tensor3D[], tf.Tensor3D] {
    const fit = this.fit;
    if (fit && !this.baseImage) this.baseImage = tf.tidy(() => fit.generate(fit.input));
    const [lo, hi] = this.model.manifest.pixelRange;
    return tf.tidy(() => {
      const g = this.generate(input);
      // Before the first inversion result there is nothing to measure an edit from: the photo as it is.
      const diff = this.baseImage ? g.sub(this.baseImage).mul(255 / (hi - lo)) : tf.zerosLike(g);
      const layer = tf.concat([diff, this.mask], 3) as tf.Tensor4D;
      return [extra(g), pasteBack(patch, layer, params)];
    });
  }

  private generate(input: FrameInput): tf.Tensor4D {
    if (this.fit) return this.fit.generate(input);
    const z = tf.tensor2d(input.latent, [1, input.latent.length]);
    const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
    return this.model.generate(z, y);
  }
}
