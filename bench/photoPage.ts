// Entry of bench/photos.html; bench/photos.mjs and bench/identity.mjs drive it through `window.__photos`. Photos go
// through the app's real engine worker (detection, alignment, encoder, refinement) exactly as a dropped file does;
// this page then measures identity with face-api's recognition network (FaceIdentity) on the page's own tfjs (WASM).
import '@tensorflow/tfjs-backend-wasm';
import { detectFaces, drawAligned } from '../src/engine/alignPhoto';
import { selectBackend } from '../src/engine/backend';
import { createWorkerEngine, type EngineClient } from '../src/engine/engineClient';
import { DEFAULT_DETECT, SINGLE_SIZE_DETECT, type DetectOptions } from '../src/engine/faceDetector';
import { FaceIdentity, identityDistance } from '../src/engine/faceIdentity';
import type { FrameInput, PhotoEvent } from '../src/engine/protocol';
import { serveWasmFromOrigin } from '../src/engine/wasmPaths';
import { alignmentTransform, type Landmarks } from '../src/photo/align';

const root = new URL('../', location.href);
const modelUrl = new URL('models/celeba64/', root).href;
const faceApiBase = new URL('models/face-api/', root).href;

interface Manifest {
  resolution: number;
  pixelRange: [number, number];
  alignment: { landmarks: Landmarks; size: number; center: [number, number] };
}

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

/** Descriptor of the square `[x, y, side]` of `src` (default: all of a square image `side` px wide), framed as the model's crops are. */
async function descriptor(src: CanvasImageSource, side: number, square: [number, number, number] = [0, 0, side]) {
  const [size, cx, cy] = IDENTITY_BOX;
  const s = size * square[2];
  const box: [number, number, number] = [square[0] + cx * square[2] - s / 2, square[1] + cy * square[2] - s / 2, s];
  return identity.describe(rgbaOf(src, IDENTITY_SIDE, box), IDENTITY_SIDE, IDENTITY_SIDE);
}

/**
 * Hook for the edited full-resolution photo (issue 15, item 5 b): finds the face in `photo` again, aligns it to the
 * model's framing at 256 px as the app does, and returns its distance to `aligned` (the aligned original's
 * descriptor); null when no face is found. The paste-back compositor's output goes here, once per attribute and end.
 */
export async function editedPhotoDistance(photo: ImageBitmap, aligned: Float32Array): Promise<number | null> {
  const face = (await detectFaces(photo, faceApiBase))[0];
  if (!face) return null;
  const t = alignmentTransform(face.landmarks, manifest.alignment.landmarks, manifest.resolution);
  const { preview, target } = drawAligned(photo, t, manifest.resolution, manifest.pixelRange);
  void target;
  try {
    return identityDistance(await descriptor(preview, preview.width), aligned);
  } finally {
    preview.close();
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

/** Descriptors of CelebA aligned images, cropped to the model's framing (calibration; see bench/identity.mjs). */
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

/** One photo through the engine worker, as a dropped file goes: timings, PSNR and identity distances. */
async function invert(url: string, refine: boolean) {
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
    if (e.type === 'photo-error')
      return { ...row, phase: e.code, faces: e.faces.length, foundMs: performance.now() - t0 };
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
  crop.close();
  return { ...row, phase: 'done', distances };
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
    };
  }
}

window.__photos = {
  ready: start().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })),
  detect,
  faces,
  invert,
  describeAligned,
};
