/// <reference lib="webworker" />
// The engine: owns the model (and so every long-lived tensor) and answers the page's requests (protocol.ts); scheduler.ts says what runs when.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { alignPhoto } from '../photo/alignPhoto';
import { BatchJobs, DEFAULT_CHUNKS } from './batchJobs';
import { SerialQueue } from './scheduler';
import { currentBackend, keepFastest, prepareBackend } from '../model/backend';
import { ManifestError } from '../model/manifest';
import { GanModel } from '../model/ganModel';
import { frameGarmentPhoto, framesGarments } from '../photo/garmentPhoto';
import { Inbound } from '../inbound';
import { modelInfo } from '../model/modelInfo';
import { readRegion } from '../photo/regionReader';
import { PhotoJobs } from '../photo/photoJobs';
import { LiveMirror } from '../photo/liveMirror';
import { workerSegmenter, type Segmenter } from '../photo/personSegmenter';
import { warmInversion } from '../photo/inversionJob';
import {
  EngineError,
  unhandled,
  type EngineErrorCode,
  type EngineEvent,
  type EngineRequest,
  type FrameInput,
  type ModelInfo,
} from '../protocol';
import { Renderer, type RgbaFrame } from '../render/renderer';
import { SnapshotCache } from '../model/snapshotCache';
import { TestImages } from '../render/testImages';
import { judgeFrame, judgeRequest } from '../render/verdict';
import { serveWasmFromOrigin } from '../model/wasmPaths';

declare const self: DedicatedWorkerGlobalScope;

serveWasmFromOrigin();

function emit(event: EngineEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** The loaded model, its renderer, and where face-api's weights are served (models/face-api/, see build/vendorModels.ts). */
let loaded: {
  model: GanModel;
  renderer: Renderer;
  detectorBase: string;
  segment: Segmenter;
  snapshots: SnapshotCache;
  tests: TestImages;
} | null = null;
// Requests one at a time, in order (scheduler.ts).
const queue = new SerialQueue();
// Face detection may switch tfjs's backend for a while (faceDetector.ts), so it runs in the queue with frames, never beside.
const photos = new PhotoJobs(
  emit,
  (model, bitmap, base, opts) => queue.run(() => alignPhoto(model, bitmap, base, opts)),
  readRegion,
  (model, bitmap, base) => queue.run(() => frameGarmentPhoto(model, bitmap, base)),
);

// Batches run their chunks in the queue with frames too, yielding between chunks so live frames keep priority; during a
// drag over the open photo a chunk waits for the drag to end, during playback (which never rests) BATCH_PATIENCE_MS.
const BATCH_PATIENCE_MS = 500;
const batchWait = () => photos.priority.patient(BATCH_PATIENCE_MS);
const batches = new BatchJobs(emit, queue.run, (frame) => toBitmap(frame), DEFAULT_CHUNKS, batchWait);

function probeInput(info: ModelInfo): FrameInput {
  return {
    latent: new Float32Array(info.latent.size).fill(info.latent.mean),
    attributes: Float32Array.from(info.attributes, (a) => a.default),
  };
}

/** Milliseconds for one frame after one untimed frame (which pays for kernel compilation and weight upload). */
async function timeFrame(r: Renderer, input: FrameInput): Promise<number> {
  await r.render(input);
  const start = performance.now();
  await r.render(input);
  return performance.now() - start;
}

// The live camera's mirror (made for the loaded model on its first frame) and the camera frame waiting in the queue:
// a newer frame replaces it, so frames are never edited late.
let mirror: LiveMirror | null = null;
let waitingFrame: Extract<EngineRequest, { type: 'camera-frame' }> | null = null;

function dropWaitingFrame(): void {
  if (!waitingFrame) return;
  waitingFrame.bitmap.close();
  emit({ type: 'camera-frame', id: waitingFrame.id, bitmap: null, face: null, stages: {}, skipped: true });
  waitingFrame = null;
}

async function cameraFrame(request: Extract<EngineRequest, { type: 'camera-frame' }>): Promise<void> {
  if (waitingFrame !== request) return; // replaced by a newer frame, already answered
  waitingFrame = null;
  try {
    if (!loaded) throw new EngineError('not-loaded', 'The model is not loaded yet.');
    if (!mirror) {
      if (!loaded.model.manifest.alignment?.landmarks || !loaded.model.hasEncoder)
        throw new EngineError('render-failed', 'This model does not edit faces: choose a face model for the camera.');
      mirror = new LiveMirror(loaded.model, loaded.detectorBase, loaded.segment, readRegion);
    }
    const out = await mirror.frame(request.bitmap, request.edit ?? null, request.capturedAt / 1000);
    const transfer = out.bitmap ? [out.bitmap] : [];
    emit({ type: 'camera-frame', id: request.id, bitmap: out.bitmap, face: out.face, stages: out.stages }, transfer);
  } catch (e) {
    request.bitmap.close();
    const error = frameError(e).message;
    emit({ type: 'camera-frame', id: request.id, bitmap: null, face: null, stages: {}, error });
  }
}

async function load({ modelUrl, backend }: Extract<EngineRequest, { type: 'load' }>): Promise<void> {
  photos.close(); // its edit belongs to the model being replaced
  batches.cancelAll('The model was reloaded.');
  loaded?.snapshots.dispose();
  loaded?.model.dispose();
  loaded = null;

  // Pick the backend before downloading, so the weights land where they will be used.
  const contenders = await prepareBackend(backend);
  let lastSent = -1;
  const model = await GanModel.load(modelUrl, {
    onProgress: (bytes, total) => {
      const progress = total > 0 ? bytes / total : 0;
      // A progress event per network chunk would flood the page; 1% steps are smooth enough.
      if (progress - lastSent >= 0.01 || progress === 1) {
        lastSent = progress;
        emit({ type: 'progress', phase: 'download', progress, detail: `${bytes} / ${total} bytes` });
      }
    },
  });
  const info = modelInfo(model);
  const renderer = new Renderer(model, model.manifest.pixelRange);
  const input = probeInput(info);

  // Only when several real contenders exist: time a frame on each and keep the fastest.
  const candidates = await keepFastest(
    contenders,
    () => timeFrame(renderer, input),
    (name, i) => emit({ type: 'progress', phase: 'backend', progress: i / contenders.length, detail: name }),
  );

  // Shader compilation (slow on WebGPU) happens here, on the loading screen, not on the first slider move.
  const warmups = 2;
  for (let i = 0; i < warmups; i++) {
    emit({ type: 'progress', phase: 'warmup', progress: i / warmups });
    await renderer.render(input);
  }
  await warmInversion(model, input); // the first photo's refinement starts warm
  emit({ type: 'progress', phase: 'warmup', progress: 1 });

  const detectorBase = new URL('../face-api/', modelUrl).href;
  const tests = new TestImages(model.manifest, modelUrl);
  const segment = workerSegmenter(new URL('../selfie/model.json', modelUrl).href);
  mirror = null; // made again for this model on the next camera frame
  loaded = { model, renderer, detectorBase, segment, snapshots: new SnapshotCache(model, modelUrl), tests };
  emit({ type: 'ready', model: info, backend: currentBackend(), candidates });
  // Face models align with the detector; garment models look for faces with it before framing a picture.
  if (model.manifest.alignment?.landmarks || framesGarments(model.manifest)) photos.prefetch(detectorBase);
}

const toBitmap = (frame: RgbaFrame) => createImageBitmap(new ImageData(frame.data, frame.width, frame.height));

/** A frame; with `photo` and a photo open, the edit pasted onto the photo too (the face comes from the same pass). */
async function render(id: number, input: FrameInput, photo: boolean, exact = false): Promise<void> {
  if (!loaded) throw new EngineError('not-loaded', 'The model is not loaded yet.');
  const start = performance.now();
  const edited = photo ? await photos.frame(input, exact) : null;
  const generator = input.snapshot === undefined ? loaded.model : await loaded.snapshots.get(input.snapshot);
  const renderer =
    generator === loaded.model ? loaded.renderer : new Renderer(generator, loaded.model.manifest.pixelRange);
  const bitmap = await toBitmap(edited?.face ?? (await renderer.render(input)));
  if (!edited) {
    const verdict = await judgeFrame(loaded.model, generator, input);
    emit({ type: 'frame', id, bitmap, renderMs: performance.now() - start, ...verdict }, [bitmap]);
    return;
  }
  if (!edited.patch) {
    // A garment picture: the model's own output, judged as drawn; nothing is pasted back.
    const verdict = edited.verdict === undefined ? {} : { verdict: edited.verdict };
    emit({ type: 'frame', id, bitmap, renderMs: performance.now() - start, ...verdict }, [bitmap]);
    return;
  }
  // The patch's bytes go as they are, in their buffer (the page gives it back for a later frame: 'photo-buffer').
  const patch = { ...edited.patch, box: edited.box, ...(edited.approximate ? { approximate: true } : {}) };
  emit({ type: 'frame', id, bitmap, renderMs: performance.now() - start, photo: patch }, [bitmap, patch.data.buffer]);
  void photos.ahead().catch(() => undefined); // a failed pass (out of memory) leaves frames to the generator
}

/** The discriminator's verdicts on a 'judge' request's pictures, with the pictures as judged (copied: ~1 KB each). */
async function judge({ id, ...input }: Extract<EngineRequest, { type: 'judge' }>): Promise<void> {
  emit({ type: 'judged', id, ...(await judgeRequest(loaded, input)) });
}

async function exportPhoto(id: number, input: FrameInput, full: ImageBitmap): Promise<void> {
  const { patch, box } = await photos.exportAt(input, full);
  const bitmap = await toBitmap(patch);
  emit({ type: 'photo-exported', id, bitmap, box }, [bitmap]);
}

function fail(error: EngineError<EngineErrorCode>, id?: number): void {
  emit({ type: 'error', ...(id === undefined ? {} : { id }), code: error.code, message: error.message });
}

/** A failed load in the engine's words: a missing or damaged model, or no network. */
function loadError(e: unknown): EngineError<EngineErrorCode> {
  if (e instanceof ManifestError) {
    return new EngineError(/HTTP 404/.test(e.message) ? 'model-not-found' : 'bad-manifest', e.message);
  }
  if (e instanceof TypeError) return new EngineError('network', `Could not download the model: ${e.message}`);
  return frameError(e);
}

/** Any other failure: the engine's own errors as they are, the rest as a failed frame. */
function frameError(e: unknown): EngineError<EngineErrorCode> {
  return e instanceof EngineError ? e : new EngineError('render-failed', e instanceof Error ? e.message : String(e));
}

/** Queues a request's work (scheduler.ts); a failure is reported in the engine's words, with the request's id. */
function inQueue(work: () => Promise<void>, wording: (e: unknown) => EngineError<EngineErrorCode>, id?: number): void {
  queue.post(work, (e) => fail(wording(e), id));
}

// Frame requests posted and not read yet (inbound.ts): refinement, cache passes and batch chunks wait for them.
let inbound: Inbound | null = null;
photos.priority.watch(() => inbound?.waiting ?? false);

self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const request = e.data;
  inbound?.read(request);
  switch (request.type) {
    case 'inbound':
      inbound = new Inbound(request.buffer);
      return;
    case 'load':
      inQueue(() => load(request), loadError);
      return;
    case 'render':
      inQueue(() => render(request.id, request, request.photo, request.exact), frameError, request.id);
      return;
    case 'memory':
      inQueue(async () => emit({ type: 'memory', id: request.id, numTensors: tf.memory().numTensors }), frameError);
      return;
    case 'judge':
      inQueue(() => judge(request), frameError, request.id);
      return;
    case 'photo':
      void photos.run(loaded, request);
      return;
    case 'photo-cancel':
      photos.cancel();
      return;
    case 'photo-export':
      inQueue(() => exportPhoto(request.id, request, request.bitmap), frameError, request.id);
      return;
    case 'photo-close':
      photos.close();
      return;
    case 'photo-pause':
      photos.pause();
      return;
    case 'photo-resume':
      photos.resume();
      return;
    case 'photo-advance':
      photos.advance();
      return;
    case 'photo-buffer':
      photos.recycle(request.buffer);
      return;
    case 'drag-start':
      photos.priority.dragStarts();
      return;
    case 'drag-end':
      photos.priority.dragEnds();
      return;
    case 'camera-frame':
      dropWaitingFrame();
      waitingFrame = request;
      queue.post(
        () => cameraFrame(request),
        () => undefined, // cameraFrame answers its own failures
      );
      return;
    case 'camera-stop':
      dropWaitingFrame();
      mirror?.reset();
      return;
    case 'batch':
      void batches.run(loaded?.model ?? null, request);
      return;
    case 'batch-cancel':
      batches.cancel(request.id);
      return;
    default:
      unhandled(request);
  }
};
