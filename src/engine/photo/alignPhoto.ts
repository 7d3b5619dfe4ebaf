// Photo -> aligned crop, in the worker: finds the faces (face-api's detector) and draws the chosen one, or a manual
// square, at the model's training framing. Needs OffscreenCanvas, so it runs only in a browser.
import { alignmentError, alignmentTransform, type Landmarks, type Similarity } from '../../photo/align';
import { DEFAULT_DETECT, FaceDetector, type DetectedFace, type DetectOptions } from './faceDetector';
import { FIRST_LOOK, FULL_SEARCH, searchFaces, type FaceSearch, type PhotoSource } from './faceSearch';
import { readRegion } from './regionReader';
import type { GanModel } from '../model/ganModel';
import { EngineError, type CropSquare } from '../protocol';

const NO_FACE =
  'No face was found in this photo. Drag the box over the face to crop it by hand. A picture of clothes belongs to the ' +
  'clothing model: choose it in the Model menu.';
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
  /** Photo pixels -> crop pixels at the model's resolution. */
  transform: Similarity;
}

let detector: Promise<FaceDetector> | null = null;

/** The one face detector of this worker, loaded from `base` on first use (a failed load is retried next time). */
export function getDetector(base: string): Promise<FaceDetector> {
  detector ??= FaceDetector.load(base).catch((e: unknown) => {
    detector = null; // let a later photo retry
    throw e;
  });
  return detector;
}

/** `bitmap`'s RGBA pixels at most `maxSide` on its longer side, and the scale from the photo to them. */
export function pixelsOf(
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

/** The two canvases an aligned crop is drawn through: the crop at PREVIEW_SIDE, then at the model's size. */
export interface AlignCanvases {
  big: OffscreenCanvasRenderingContext2D;
  small: OffscreenCanvasRenderingContext2D;
}

/** New canvases for aligning at `res` (a video keeps one pair for all its frames). */
export function alignCanvases(res: number): AlignCanvases {
  const big = new OffscreenCanvas(PREVIEW_SIDE, PREVIEW_SIDE).getContext('2d');
  const small = new OffscreenCanvas(res, res).getContext('2d', { willReadFrequently: true });
  if (!big || !small) throw new Error('2D canvas is unavailable in this worker');
  return { big, small };
}

/** `bitmap` aligned by `t` at the model's resolution, in its pixel range, drawn through `canvases`. */
function alignedCanvas(
  bitmap: ImageBitmap,
  t: Similarity,
  res: number,
  pixelRange: [number, number],
  { big: bctx, small: sctx }: AlignCanvases = alignCanvases(res),
): { target: Float32Array; big: OffscreenCanvas } {
  bctx.setTransform(1, 0, 0, 1, 0, 0);
  bctx.fillStyle = '#000';
  bctx.fillRect(0, 0, PREVIEW_SIDE, PREVIEW_SIDE);
  bctx.imageSmoothingQuality = 'high';
  const k = PREVIEW_SIDE / res;
  // canvas transform (a, b, c, d, e, f) maps x' = a x + c y + e, y' = b x + d y + f
  bctx.setTransform(t.a * k, t.b * k, -t.b * k, t.a * k, t.tx * k, t.ty * k);
  bctx.drawImage(bitmap, 0, 0);
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(bctx.canvas, 0, 0, res, res);
  const rgba = sctx.getImageData(0, 0, res, res).data;
  const [lo, hi] = pixelRange;
  const target = new Float32Array(res * res * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4) {
    for (let c = 0; c < 3; c++) target[j++] = lo + ((rgba[i + c] as number) / 255) * (hi - lo);
  }
  return { target, big: bctx.canvas };
}

/** The aligned crop to invert, and its preview at PREVIEW_SIDE (the receiver owns it). */
export function drawAligned(
  bitmap: ImageBitmap,
  t: Similarity,
  res: number,
  pixelRange: [number, number],
): { target: Float32Array; preview: ImageBitmap } {
  const { target, big } = alignedCanvas(bitmap, t, res, pixelRange);
  return { target, preview: big.transferToImageBitmap() };
}

/** The aligned crop alone (a video frame's, which nobody previews), drawn through `canvases` kept by the caller. */
export function alignedTarget(
  bitmap: ImageBitmap,
  t: Similarity,
  res: number,
  pixelRange: [number, number],
  canvases: AlignCanvases,
): Float32Array {
  return alignedCanvas(bitmap, t, res, pixelRange, canvases).target;
}

/**
 * Every face in `bitmap`, largest first, in photo pixels. The first look reads the whole photo at most 1024 px;
 * `search` says which looks follow when it finds nothing (FIRST_LOOK: none; alignment takes FULL_SEARCH).
 */
export async function detectFaces(
  bitmap: ImageBitmap,
  detectorBase: string,
  options: DetectOptions = DEFAULT_DETECT,
  search: FaceSearch = FIRST_LOOK,
): Promise<DetectedFace[]> {
  const photo: PhotoSource = {
    width: bitmap.width,
    height: bitmap.height,
    read: (box, width, height) => readRegion(bitmap, box, width, height),
  };
  return searchFaces(await getDetector(detectorBase), photo, options, search);
}

/**
 * Finds faces and aligns one (the largest unless `faceIndex` says otherwise) to the model's training framing, or
 * crops `manual` (a square in photo pixels) when given. Throws EngineError 'no-face' when nothing is found.
 */
export async function alignPhoto(
  model: GanModel,
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
    if (!opts.faces) faces = await detectFaces(bitmap, detectorBase, DEFAULT_DETECT, FULL_SEARCH);
    chosen = Math.min(Math.max(opts.faceIndex ?? 0, 0), faces.length - 1);
    const face = faces[chosen];
    if (!face) throw new EngineError('no-face', NO_FACE);
    transform = alignmentTransform(face.landmarks, target, res);
    alignError = alignmentError(face.landmarks, target, res);
  }
  const { target: pixels, preview } = drawAligned(bitmap, transform, res, model.manifest.pixelRange);
  return { faces, chosen, target: pixels, preview, alignError, transform };
}
