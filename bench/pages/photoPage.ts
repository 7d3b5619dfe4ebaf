// Entry of bench/pages/photos.html; bench/drivers/photos.mjs, identity.mjs, readmeImage.mjs, editSheet.mjs and
// blindLook.mjs drive it through `window.__photos`. Photos go through the app's real engine worker (detection, alignment, encoder, refinement)
// exactly as a dropped file does; this page then measures identity with face-api's recognition network
// (FaceIdentity) on the page's own tfjs (WASM), the edited photos' person and sharpness figures (issue 29), and
// draws the README's edited photo, the edit sheet and the blind look's face regions.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { detectFaces, drawAligned } from '../../src/engine/photo/alignPhoto';
import { selectBackend } from '../../src/engine/model/backend';
import { createWorkerEngine, type EngineClient } from '../../src/engine/client/engineClient';
import { DEFAULT_DETECT, SINGLE_SIZE_DETECT, type DetectOptions } from '../../src/engine/photo/faceDetector';
import { FaceIdentity, identityDistance } from '../../src/engine/photo/faceIdentity';
import type { FrameInput, PhotoEvent } from '../../src/engine/protocol';
import { serveWasmFromOrigin } from '../../src/engine/model/wasmPaths';
import { alignmentTransform, apply, type Landmarks, type Point, type Similarity } from '../../src/photo/align';
import { editMargin, extendSimilarity, faceMask, invertSimilarity, type Box } from '../../src/photo/pasteBack';
import { convexHull, convexMask, FACE_SHRINK, laplacianVariance, outsidePerson, shrink } from './editQuality';
import { sheetCanvas, sheetRow, type SheetRow } from './editSheet';
import { MeetSegmenter } from './meetSegmenter';
import { changesOutside, maskSupport, MASK_MARGIN_PX } from './photoEdits';
import { contactStrip, squareAround, type Panel } from './readmeStrip';

const root = new URL('../../', location.href);
const modelUrl = new URL('models/celeba64/', root).href;
const faceApiBase = new URL('models/face-api/', root).href;

interface ManifestAttribute {
  name: string;
  label?: string;
  min: number;
  max: number;
}

interface Manifest {
  resolution: number;
  pixelRange: [number, number];
  alignment: { landmarks: Landmarks; size: number; center: [number, number] };
  attributes: ManifestAttribute[];
}

/** The attributes edited on every refined photo (issue 15, item 5), by their manifest names. */
const EDITED = ['Blond_Hair', 'Bangs', 'Smiling', 'Male'];

/**
 * The slider values each EDITED attribute is measured at (issue 29): the slider's ends (its min and max, -2 and +2)
 * and its off and on values (-1, +1). Issue 15 measured the slider's ends only.
 */
const MEASURED_VALUES = [-2, -1, 1, 2];

/** A slider value as rows name it: '-2', '-1', '+1', '+2'. */
const endName = (value: number) => `${value > 0 ? '+' : ''}${value}`;

/** The edit sheet's and the blind look's square: the aligned crop's side in the photo times this, on its centre. */
const FACE_SQUARE = 1.4;

/** Detection strategies compared on every photo (in this page, not the worker): before and after issue 15. */
const STRATEGIES: Record<string, DetectOptions> = {
  single416: SINGLE_SIZE_DETECT,
  default: DEFAULT_DETECT,
  ssdOnly: { ...DEFAULT_DETECT, ssd: 'always' },
};

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `\n${line}`;
};

async function decode(url: string): Promise<ImageBitmap> {
  const blob = await (await fetch(url)).blob();
  return createImageBitmap(blob, { imageOrientation: 'from-image' });
}

/** RGBA of `src` drawn at side x side (optionally from a source square), high-quality resampling. */
function rgbaOf(src: CanvasImageSource, side: number, from?: [number, number, number]): Uint8ClampedArray {
  const ctx = new OffscreenCanvas(side, side).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'high';
  if (from) ctx.drawImage(src, from[0], from[1], from[2], from[2], 0, 0, side, side);
  else ctx.drawImage(src, 0, 0, side, side);
  return ctx.getImageData(0, 0, side, side).data;
}

/**
 * The part of a crop in the model's framing that the recognition network sees, as fractions of the crop's side:
 * the face from brows to chin, as the network was trained (dlib face chips), not the hair and background around it.
 * `?identity=size,cx,cy` overrides it (calibration experiments).
 */
const IDENTITY_BOX = (new URLSearchParams(location.search).get('identity') ?? '0.7,0.5,0.58')
  .split(',')
  .map(Number) as [number, number, number];
/** Descriptors are computed from the identity box drawn at this many pixels (the network's own input size). */
const IDENTITY_SIDE = 150;

let identity: FaceIdentity;
let manifest: Manifest;
let engine: EngineClient;
/** Loaded on first use from /__meet/ (bench/drivers/photos.mjs serves it; the other drivers do not need it). */
let segmenter: MeetSegmenter | null = null;

/** Descriptor of the square `[x, y, side]` of `src` (default: all of a square image `side` px wide), framed as the model's crops are. */
async function descriptor(src: CanvasImageSource, side: number, square: [number, number, number] = [0, 0, side]) {
  const [size, cx, cy] = IDENTITY_BOX;
  const s = size * square[2];
  const box: [number, number, number] = [square[0] + cx * square[2] - s / 2, square[1] + cy * square[2] - s / 2, s];
  return identity.describe(rgbaOf(src, IDENTITY_SIDE, box), IDENTITY_SIDE, IDENTITY_SIDE);
}

/** Base64 of bytes (btoa takes a string of char codes). */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Base64 of the model-size crop's RGB bytes (`target` in the pixel range came from bytes, so this is exact). */
function rgbBase64(target: Float32Array): string {
  const [lo, hi] = manifest.pixelRange;
  return base64(Uint8Array.from(target, (v) => Math.round(((v - lo) / (hi - lo)) * 255)));
}

/**
 * `photo` with its face found again and aligned to the model's framing as the app aligns a dropped photo (largest
 * face, the app's detector): the 256 px crop (caller closes it), the model-size crop as base64 RGB bytes, the
 * transform (photo -> crop at the model's size) and the face's box in photo pixels; null when no face is found.
 */
async function realign(photo: ImageBitmap) {
  const face = (await detectFaces(photo, faceApiBase))[0];
  if (!face) return null;
  const transform = alignmentTransform(face.landmarks, manifest.alignment.landmarks, manifest.resolution);
  const { preview, target } = drawAligned(photo, transform, manifest.resolution, manifest.pixelRange);
  return { preview, rgb: rgbBase64(target), transform, box: face.box };
}

/**
 * The 68 landmarks (photo pixels) of the face in `box`, by face-api's landmark network run as the app's detector
 * runs it on a found box (src/engine/photo/faceDetector.ts; detectFaces has loaded it on this page). The app keeps
 * only five of them; issue 29's face region needs the outline.
 */
async function landmarks68(photo: ImageBitmap, box: Box): Promise<Point[]> {
  const { width, height } = photo;
  const rgba = pixels(photo);
  const input = tf.tidy(() =>
    tf.slice(tf.tensor3d(Int32Array.from(rgba), [height, width, 4], 'int32'), [0, 0, 0], [height, width, 3]),
  );
  // FaceDetection takes its box relative to the image.
  const relative = new faceapi.Rect(box.x / width, box.y / height, box.width / width, box.height / height);
  const det = new faceapi.FaceDetection(1, relative, { width, height });
  // face-api's typings carry their own copy of tfjs's types; the tensors are ours at run time.
  const crops = await faceapi.extractFaceTensors(input as never, [det]);
  try {
    const found = (await faceapi.nets.faceLandmark68Net.detectLandmarks(crops[0]!)) as faceapi.FaceLandmarks68;
    const { landmarks } = faceapi.extendWithFaceLandmarks(faceapi.extendWithFaceDetection({}, det), found);
    return landmarks.positions.map((p) => [p.x, p.y] as Point);
  } finally {
    input.dispose();
    crops.forEach((c) => (c as unknown as tf.Tensor).dispose());
  }
}

/**
 * The edit sheet's and blind look's square ([x, y, side] in photo pixels) for the face aligned by `t` (photo ->
 * crop): FACE_SQUARE times the crop's side, on the crop's centre, moved (shrunk if need be) into the photo. It holds
 * the whole edit layer (an eighth of the crop past it on each side) and a little of the photo around it.
 */
function faceSquare(t: Similarity, width: number, height: number): [number, number, number] {
  const r = manifest.resolution;
  const [cx, cy] = apply(invertSimilarity(t), [r / 2, r / 2]);
  const side = (FACE_SQUARE * r) / Math.hypot(t.a, t.b);
  return squareAround({ x: cx - side / 2, y: cy - side / 2, width: side, height: side }, width, height);
}

/**
 * The edited full-resolution photo (issue 15, item 5 b): finds the face in `photo` again, aligns it to the model's
 * framing at 256 px as the app does, and returns its distance to `aligned` (the aligned original's descriptor) and
 * the re-aligned crop at the model's size (base64 RGB, for the evaluator); null when no face is found.
 */
export async function editedPhotoDistance(
  photo: ImageBitmap,
  aligned: Float32Array,
): Promise<{ distance: number; rgb: string } | null> {
  const found = await realign(photo);
  if (!found) return null;
  try {
    return {
      distance: identityDistance(await descriptor(found.preview, found.preview.width), aligned),
      rgb: found.rgb,
    };
  } finally {
    found.preview.close();
  }
}

/** Base64 of a bitmap's RGB bytes at its own size. */
function bitmapRgbBase64(bitmap: ImageBitmap): string {
  const rgba = pixels(bitmap);
  let s = '';
  for (let i = 0; i < rgba.length; i += 4) s += String.fromCharCode(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!);
  return btoa(s);
}

/** The photo's own generator output G_fit(input) at the model's size (the face the app shows beside the photo). */
async function generated(input: FrameInput): Promise<string> {
  const face = await engine.renderOnce(input, true);
  try {
    return bitmapRgbBase64(face);
  } finally {
    face.close();
  }
}

/** RGBA of a bitmap at its own size. */
function pixels(bitmap: ImageBitmap): Uint8ClampedArray {
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

/**
 * Each EDITED attribute at each of `values(attribute)` (MEASURED_VALUES unless given), the rest of `base`'s
 * attributes kept; `end` names the value ('-2', '+1', ...).
 */
function* editEnds(base: FrameInput, values: (a: ManifestAttribute) => number[] = () => MEASURED_VALUES) {
  for (const name of EDITED) {
    const j = manifest.attributes.findIndex((a) => a.name === name);
    const attribute = manifest.attributes[j];
    if (!attribute) throw new Error(`the model has no attribute ${name}`);
    for (const value of values(attribute)) {
      if (value < attribute.min || value > attribute.max) throw new Error(`${name}: ${value} is off its slider`);
      const attributes = Float32Array.from(base.attributes);
      attributes[j] = value;
      yield { name, end: endName(value), value, attributes };
    }
  }
}

/** Photo pixels where an edit may change anything: the paste-back mask's support via `transform`, plus a margin. */
function editSupport(transform: Similarity, width: number, height: number): Uint8Array {
  const margin = editMargin(manifest.resolution);
  return maskSupport(
    faceMask(manifest.alignment.landmarks, manifest.resolution, margin),
    manifest.resolution + 2 * margin,
    extendSimilarity(transform, margin),
    width,
    height,
    MASK_MARGIN_PX,
  );
}

/**
 * The open photo (`photo`, at its full resolution) edited by `input` as the app's full-size download makes it: the
 * engine's exported face region drawn over the photo at its box. Returns the photo-size canvas and the box.
 */
async function editPhoto(photo: ImageBitmap, input: FrameInput) {
  const patch = await engine.exportPhoto(input, await createImageBitmap(photo));
  const ctx = new OffscreenCanvas(photo.width, photo.height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(photo, 0, 0);
  ctx.drawImage(patch.bitmap, patch.box.x, patch.box.y);
  patch.bitmap.close();
  return { ctx, box: patch.box };
}

/**
 * The open photo edited at each MEASURED_VALUES of each EDITED attribute, at its full resolution exactly as the app's
 * full-size download makes it (engine.exportPhoto's face region drawn over the photo at its box): per edit, the
 * identity distance of the re-aligned edited photo to `aligned`, its re-aligned crop at the model's size (for the
 * evaluator; not kept in the rows), the generator's own edited face at the model's size (`generated`: the evaluator's
 * reading of the edit before paste-back), the pixels it changed beyond the paste-back mask's support plus
 * MASK_MARGIN_PX, and issue 29's figures: `person`, its changed pixels (editQuality.outsidePerson) and how many lie
 * outside the person that Meet finds in the unedited photo, and `sharpness`, the Laplacian variance in the face
 * region after the edit over before. The face region: the hull of the unedited face's 68 landmarks shrunk by
 * FACE_SHRINK. `unedited` is the photo itself through the same re-alignment; `cropDiff` the largest byte difference
 * between that re-aligned crop and the worker's (`crop`), a check that both found the same transform.
 */
async function measureEdits(url: string, base: FrameInput, aligned: Float32Array, crop: ImageBitmap) {
  const photo = await decode(url);
  try {
    const { width, height } = photo;
    const original = pixels(photo);
    const ref = await realign(photo);
    if (!ref) return { error: 'no face found again in the unedited photo' };
    const cropA = pixels(crop);
    const cropB = pixels(ref.preview);
    let cropDiff = 0;
    for (let i = 0; i < cropA.length; i++) cropDiff = Math.max(cropDiff, Math.abs(cropA[i]! - cropB[i]!));
    const unedited = {
      distance: identityDistance(await descriptor(ref.preview, ref.preview.width), aligned),
      rgb: ref.rgb,
      generated: await generated(base),
    };
    ref.preview.close();
    const support = editSupport(ref.transform, width, height);
    segmenter ??= await MeetSegmenter.load(new URL('/__meet/meet.json', location.href).href);
    const person = await segmenter.mask(photo);
    const face = convexMask(shrink(convexHull(await landmarks68(photo, ref.box)), FACE_SHRINK), width, height);
    const sharpBefore = laplacianVariance(original, width, height, face);
    const edits = [];
    for (const { name, end, value, attributes } of editEnds(base)) {
      const t = performance.now();
      const { ctx } = await editPhoto(photo, { latent: base.latent, attributes });
      const exportMs = performance.now() - t;
      const after = ctx.getImageData(0, 0, width, height).data;
      const changes = changesOutside(original, after, support);
      const quality = {
        person: outsidePerson(original, after, person.mask),
        sharpness: laplacianVariance(after, width, height, face) / sharpBefore,
      };
      const edited = ctx.canvas.transferToImageBitmap();
      const measured = await editedPhotoDistance(edited, aligned);
      edited.close();
      edits.push({
        attribute: name,
        end,
        value,
        exportMs,
        distance: measured?.distance ?? null,
        rgb: measured?.rgb,
        generated: await generated({ latent: base.latent, attributes }),
        ...changes,
        ...quality,
      });
    }
    const faceArea = face.reduce((s, v) => s + v, 0);
    return {
      width,
      height,
      margin: MASK_MARGIN_PX,
      cropDiff,
      personShare: person.share,
      faceArea,
      sharpBefore,
      unedited,
      edits,
    };
  } finally {
    photo.close();
  }
}

/** Photo detection only, with every strategy: faces found and milliseconds (this page's main thread). */
async function detect(url: string) {
  const bitmap = await decode(url);
  const out: Record<string, { faces: number; ms: number }> = {};
  try {
    for (const [name, options] of Object.entries(STRATEGIES)) {
      const t = performance.now();
      const faces = await detectFaces(bitmap, faceApiBase, options);
      out[name] = { faces: faces.length, ms: performance.now() - t };
    }
  } finally {
    bitmap.close();
  }
  return out;
}

/** The faces `options` finds in one photo (box and score): for trying detector settings on chosen photos. */
async function faces(url: string, options: DetectOptions = DEFAULT_DETECT) {
  const bitmap = await decode(url);
  try {
    return (await detectFaces(bitmap, faceApiBase, options)).map((f) => ({ box: f.box, score: f.score }));
  } finally {
    bitmap.close();
  }
}

/** Descriptors of CelebA aligned images, cropped to the model's framing (calibration; see bench/drivers/identity.mjs). */
async function describeAligned(urls: string[]): Promise<number[][]> {
  const { size, center } = manifest.alignment;
  const out: number[][] = [];
  for (const url of urls) {
    const bitmap = await decode(url);
    const side = size * bitmap.width;
    const square: [number, number, number] = [
      center[0] * bitmap.width - side / 2,
      center[1] * bitmap.height - side / 2,
      side,
    ];
    out.push(Array.from(await descriptor(bitmap, side, square)));
    bitmap.close();
  }
  return out;
}

/**
 * What a paste-back experiment needs of one refined photo, for a loop outside the page (crops stay in /tmp): the
 * photo's size, its transform (photo -> crop at the model's size, as the app aligns it), the aligned crop, and the
 * generator's own faces G_fit at the model's size, unedited and at both slider ends of each EDITED attribute.
 */
async function fitFaces(url: string, base: FrameInput) {
  const photo = await decode(url);
  try {
    const ref = await realign(photo);
    if (!ref) return { error: 'no face found again in the unedited photo' };
    ref.preview.close();
    const faces: Record<string, string> = { unedited: await generated(base) };
    // The slider's ends, as bench/studies/photosTune.py names them.
    for (const { name, value, attributes } of editEnds(base, (a) => [a.min, a.max]))
      faces[`${name}.${value < 0 ? 'minus' : 'plus'}`] = await generated({ latent: base.latent, attributes });
    return { width: photo.width, height: photo.height, transform: ref.transform, target: ref.rgb, faces };
  } finally {
    photo.close();
  }
}

/**
 * One photo through the engine worker, as a dropped file goes: the row's timings and PSNR, the worker's aligned crop
 * (caller closes it), the encoder's result (`first`) and the last reported one (`last`: refined when `refine`). The
 * photo stays open in the engine, so its fit serves later renders and exports; null crop on a photo-error.
 */
async function runPhoto(url: string, refine: boolean) {
  const t0 = performance.now();
  const bitmap = await decode(url);
  const events: PhotoEvent[] = [];
  let wake: () => void = () => {};
  engine.onPhoto((e) => {
    events.push(e);
    wake();
  });
  const next = async (): Promise<PhotoEvent> => {
    while (events.length === 0) await new Promise<void>((r) => (wake = r));
    return events.shift() as PhotoEvent;
  };
  engine.photo({ bitmap });
  const row: Record<string, unknown> = {};
  let crop: ImageBitmap | null = null;
  let first: FrameInput | null = null;
  let last: FrameInput | null = null;
  for (;;) {
    const e = await next();
    if (e.type === 'photo-error') {
      Object.assign(row, { phase: e.code, faces: e.faces.length, foundMs: performance.now() - t0 });
      engine.onPhoto(null);
      return { row, crop: null, first: null, last: null };
    }
    if (e.type === 'photo-aligned') {
      Object.assign(row, { foundMs: performance.now() - t0, faces: e.faces.length, alignError: e.alignError });
      crop = e.crop;
    } else if (e.type === 'photo-step') {
      last = { latent: e.latent, attributes: e.attributes };
      if (e.step === 0) {
        first = last;
        row.firstPsnr = e.psnr;
        // The first result on screen: the encoder's face rendered, as the app renders it.
        (await engine.renderOnce(first)).close();
        row.firstMs = performance.now() - t0;
        if (!refine) engine.cancelPhoto();
      }
    } else if (e.type === 'photo-done') {
      if (refine)
        Object.assign(row, { refinedMs: performance.now() - t0, psnr: e.psnr, steps: e.step, reason: e.reason });
      break;
    }
  }
  engine.onPhoto(null);
  if (!crop || !first || !last) throw new Error('photo job ended without a result');
  return { row, crop, first, last };
}

/**
 * One photo through the engine worker (runPhoto): timings, PSNR and identity distances. With `faces`, the refined
 * photo's fitFaces instead of the edited photos' measures.
 */
async function invert(url: string, refine: boolean, faces = false) {
  const { row, crop, first, last } = await runPhoto(url, refine);
  if (!crop) return row;
  if (faces) {
    crop.close();
    return { ...row, phase: 'done', fit: await fitFaces(url, last) };
  }
  const r = manifest.resolution;
  const aligned = await descriptor(crop, crop.width);
  const small = new OffscreenCanvas(r, r);
  const sctx = small.getContext('2d');
  if (!sctx) throw new Error('no 2d context');
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(crop, 0, 0, r, r);
  const distances: Record<string, number> = { downscaled: identityDistance(aligned, await descriptor(small, r)) };
  const frames: [string, FrameInput][] = refine
    ? [
        ['encoder', first],
        ['refined', last],
      ]
    : [['encoder', first]];
  for (const [name, input] of frames) {
    // The refined face as the app shows it: generated from the photo's fit (per-layer codes, feature offset), which
    // the engine keeps while the photo is open; the reported latent alone is only the fit's mean code.
    const frame = await engine.renderOnce(input, name === 'refined');
    distances[name] = identityDistance(aligned, await descriptor(frame, r));
    frame.close();
  }
  const edited = refine ? await measureEdits(url, last, aligned, crop) : undefined;
  crop.close();
  return { ...row, phase: 'done', distances, edited };
}

/**
 * The README's picture (bench/drivers/readmeImage.mjs): the photo at `url` refined as a dropped photo is, then edited by each
 * of `edits` (an attribute's manifest name and slider value, the rest as inverted) at its full resolution as the
 * app's full-size download makes it. Returns, as base64 PNG, the contact strip (the face region's square from the
 * photo and from each edited photo, `side` px each, labelled) and the whole photo with the first edit; the row's
 * figures (PSNR, steps); and per edit the pixels it changed and those beyond the paste-back mask's support plus
 * MASK_MARGIN_PX.
 */
async function readmeImage(url: string, edits: { name: string; value: number; label: string }[], side: number) {
  const { row, crop, last } = await runPhoto(url, true);
  if (!crop) return { row };
  crop.close();
  const photo = await decode(url);
  try {
    const { width, height } = photo;
    const original = pixels(photo);
    const ref = await realign(photo);
    if (!ref) return { row, error: 'no face found again in the unedited photo' };
    ref.preview.close();
    const support = editSupport(ref.transform, width, height);
    const panels: Panel[] = [{ image: photo, label: 'Photo' }];
    const changes = [];
    let box: Box | null = null;
    for (const { name, value, label } of edits) {
      const attributes = Float32Array.from(last.attributes);
      attributes[manifest.attributes.findIndex((a) => a.name === name)] = value;
      const edited = await editPhoto(photo, { latent: last.latent, attributes });
      box = edited.box;
      changes.push({
        name,
        value,
        ...changesOutside(original, edited.ctx.getImageData(0, 0, width, height).data, support),
      });
      panels.push({ image: edited.ctx.canvas, label });
    }
    if (!box) throw new Error('no edits asked for');
    const square = squareAround(box, width, height);
    const png = async (canvas: OffscreenCanvas) =>
      base64(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    const strip = await png(contactStrip(panels, square, side));
    return { row, box, square, width, height, changes, strip, full: await png(panels[1]!.image as OffscreenCanvas) };
  } finally {
    photo.close();
  }
}

/** PNG bytes of a canvas as base64. */
async function pngBase64(canvas: OffscreenCanvas): Promise<string> {
  return base64(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
}

/** The edit sheet's rows so far (editSheetRow), drawn into one picture by editSheet. */
const sheetRows: SheetRow[] = [];

/**
 * One row of the edit sheet (bench/drivers/editSheet.mjs): the photo at `url` refined as a dropped photo is, then
 * edited by each EDITED attribute at each MEASURED_VALUES (the rest as inverted) at its full resolution as the app's
 * full-size download makes it (editPhoto). The row keeps faceSquare of the photo and of each edit at `side` px,
 * labelled `label`; returns the columns' labels and the row's figures.
 */
async function editSheetRow(url: string, label: string, side: number) {
  const { row, crop, last } = await runPhoto(url, true);
  if (!crop) return { row, error: 'no face found' };
  crop.close();
  const photo = await decode(url);
  try {
    const ref = await realign(photo);
    if (!ref) return { row, error: 'no face found again in the unedited photo' };
    ref.preview.close();
    const square = faceSquare(ref.transform, photo.width, photo.height);
    // Each picture cut to its cell at once, so one full-size edited photo is held at a time.
    const cells = [sheetRow([photo], square, side)];
    const columns = ['photo'];
    for (const { name, end, attributes } of editEnds(last)) {
      const { ctx } = await editPhoto(photo, { latent: last.latent, attributes });
      cells.push(sheetRow([ctx.canvas], square, side));
      columns.push(`${manifest.attributes.find((a) => a.name === name)?.label ?? name} ${end}`);
    }
    sheetRows.push({ label, cells: sheetRow(cells, [0, 0, side], side) });
    for (const c of cells) c.close();
    return { row, square, columns };
  } finally {
    photo.close();
  }
}

/** The edit sheet of the rows made so far, as base64 PNG, under a header of `columns`; forgets the rows. */
async function editSheet(columns: string[], side: number): Promise<string> {
  const png = await pngBase64(sheetCanvas(sheetRows, columns, side));
  for (const r of sheetRows.splice(0)) r.cells.close();
  return png;
}

/**
 * One picture of the blind look (bench/drivers/blindLook.mjs): faceSquare of the photo at `url` drawn at `side` px,
 * as base64 PNG; with `edit`, of the photo refined as a dropped photo is and edited by `edit` (a manifest attribute
 * name and slider value; the rest as inverted) at its full resolution as the app's full-size download makes it. The
 * square comes from the unedited photo in both cases, so its framing says nothing about which is which.
 */
async function blindCrop(url: string, edit: { name: string; value: number } | null, side: number) {
  let input: FrameInput | null = null;
  let row: Record<string, unknown> = {};
  if (edit) {
    const run = await runPhoto(url, true);
    row = run.row;
    if (!run.crop) return { row, error: 'no face found' };
    run.crop.close();
    const attributes = Float32Array.from(run.last.attributes);
    attributes[manifest.attributes.findIndex((a) => a.name === edit.name)] = edit.value;
    input = { latent: run.last.latent, attributes };
  }
  const photo = await decode(url);
  try {
    const ref = await realign(photo);
    if (!ref) return { row, error: 'no face found in the unedited photo' };
    ref.preview.close();
    const square = faceSquare(ref.transform, photo.width, photo.height);
    const source = input ? (await editPhoto(photo, input)).ctx.canvas : photo;
    const out = new OffscreenCanvas(side, side);
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, square[0], square[1], square[2], square[2], 0, 0, side, side);
    return { row, square, png: await pngBase64(out) };
  } finally {
    photo.close();
  }
}

async function start() {
  serveWasmFromOrigin();
  if (!(await selectBackend('wasm'))) throw new Error('the WASM backend is not available');
  manifest = (await (await fetch(`${modelUrl}manifest.json`)).json()) as Manifest;
  identity = await FaceIdentity.load(faceApiBase);
  engine = createWorkerEngine();
  const backend = await new Promise<string>((resolve, reject) => {
    engine.onStatus((s) => {
      if (s.kind === 'ready') resolve(s.backend);
      else if (s.kind === 'error') reject(new Error(s.message));
    });
    engine.load(modelUrl, 'wasm');
  });
  log(`ready on ${backend}`);
  return { backend, crossOriginIsolated: globalThis.crossOriginIsolated };
}

declare global {
  interface Window {
    __photos?: {
      ready: Promise<{ backend: string } | { error: string }>;
      detect: typeof detect;
      faces: typeof faces;
      invert: typeof invert;
      describeAligned: typeof describeAligned;
      readmeImage: typeof readmeImage;
      editSheetRow: typeof editSheetRow;
      editSheet: typeof editSheet;
      blindCrop: typeof blindCrop;
    };
  }
}

window.__photos = {
  ready: start().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })),
  detect,
  faces,
  invert,
  describeAligned,
  readmeImage,
  editSheetRow,
  editSheet,
  blindCrop,
};
