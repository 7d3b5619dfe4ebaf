// Picture -> the garment framing a clothing model was trained on, in the worker: faces are looked for first (a face
// photo is refused, with a word on where it belongs), then the garment is found and framed (src/photo/garmentFrame.ts)
// and drawn at the model's resolution. Needs OffscreenCanvas, so it runs only in a browser.
import { frameGarment } from '../../photo/garmentFrame';
import type { Box } from '../../photo/pasteBack';
import { detectFaces, pixelsOf } from './alignPhoto';
import { DEFAULT_DETECT, type DetectOptions } from './faceDetector';
import type { GanModel } from '../model/ganModel';
import type { ModelManifest } from '../model/manifest';
import { EngineError } from '../protocol';

export const FACE_ON_GARMENTS =
  'This looks like a photo of a face; the clothing model only knows garments. Switch to the faces model to edit it.';
/** The garment is looked for on at most this many pixels on the longer side; plenty for a 28 px frame. */
export const FRAME_MAX_SIDE = 512;
/** Is there a face? Every size, but no quarter rotations, and surer scores than alignment asks: a garment is no face. */
export const FACE_CHECK: DetectOptions = {
  ...DEFAULT_DETECT,
  tinyMinScore: 0.5,
  ssdMinScore: 0.5,
  quarterRotations: [],
};

/** A picture framed for a clothing model. */
export interface FramedGarment {
  /** [res * res * channels] in the model's pixel range, its framing's background around the garment. */
  target: Float32Array;
  /** The framed picture as the model sees it, at the model's resolution (grey as R = G = B); the receiver owns it. */
  preview: ImageBitmap;
  /** Where the garment was found, in the picture's pixels; whether the picture was negated (a light background). */
  box: Box;
  inverted: boolean;
}

export type GarmentFramer = (model: GanModel, bitmap: ImageBitmap, detectorBase: string) => Promise<FramedGarment>;

/** Whether photos on this model are framed as garments: it declares a framing and no face landmarks. */
export function framesGarments(manifest: ModelManifest): boolean {
  return manifest.framing !== undefined && !manifest.alignment?.landmarks;
}

/**
 * A framed picture ([res * res] in [0, 1], 0 the background) as the generator's target ([res * res * channels] in the
 * pixel range, the framing's background at 0) and as RGBA bytes of what the model sees.
 */
export function garmentTarget(
  manifest: ModelManifest,
  pixels: Float32Array,
): { target: Float32Array; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const channels = manifest.channels ?? 3;
  const [lo, hi] = manifest.pixelRange;
  const bg = manifest.framing?.background ?? lo;
  const target = new Float32Array(pixels.length * channels);
  const rgba = new Uint8ClampedArray(pixels.length * 4);
  pixels.forEach((v, i) => {
    const value = bg + v * (hi - bg);
    target.fill(value, i * channels, (i + 1) * channels);
    rgba.fill(Math.round((255 * (value - lo)) / (hi - lo)), 4 * i, 4 * i + 3);
    rgba[4 * i + 3] = 255;
  });
  return { target, rgba };
}

/**
 * Frames the garment in `bitmap` for `model`. Throws EngineError 'face-photo' when a face is found, 'no-garment' when
 * nothing stands out from a plain background.
 */
export async function frameGarmentPhoto(
  model: GanModel,
  bitmap: ImageBitmap,
  detectorBase: string,
): Promise<FramedGarment> {
  const { resolution: res, framing } = model.manifest;
  if (!framing) throw new Error(`Model ${model.manifest.id} declares no framing`);
  const faces = await detectFaces(bitmap, detectorBase, FACE_CHECK);
  if (faces.length > 0) throw new EngineError('face-photo', FACE_ON_GARMENTS);
  const px = pixelsOf(bitmap, FRAME_MAX_SIDE);
  const framed = frameGarment(px, { resolution: res, content: framing.content, pad: framing.pad });
  if (!framed.ok) throw new EngineError('no-garment', framed.message);

  const { target, rgba } = garmentTarget(model.manifest, framed.pixels);
  const canvas = new OffscreenCanvas(res, res);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is unavailable in this worker');
  ctx.putImageData(new ImageData(rgba, res, res), 0, 0);
  const s = 1 / px.scale;
  const box = { x: framed.box.x * s, y: framed.box.y * s, width: framed.box.width * s, height: framed.box.height * s };
  return { target, preview: canvas.transferToImageBitmap(), box, inverted: framed.inverted };
}
