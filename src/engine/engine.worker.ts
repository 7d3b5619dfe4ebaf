/// <reference lib="webworker" />
// The engine: owns the model (and so every long-lived tensor) and turns frame requests into ImageBitmaps.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { alignPhoto } from './alignPhoto';
import { BatchJobs, DEFAULT_CHUNKS } from './batchJobs';
import { currentBackend, keepFastest, prepareBackend } from './backend';
import { FaceModel } from './faceModel';
import { frameGarmentPhoto, framesGarments } from './garmentPhoto';
import { frameError, loadError } from './workerErrors';
import { Inbound } from './inbound';
import { modelInfo } from './modelInfo';
import { readRegion } from './regionReader';
import { PhotoJobs } from './photoPipeline';
import { warmInversion } from './photoInversion';
import {
  EngineError,
  unhandled,
  type EngineErrorCode,
  type EngineEvent,
  type EngineRequest,
  type FrameInput,
  type ModelInfo,
} from './protocol';
import { Renderer, type RgbaFrame } from './renderer';
import { SnapshotCache } from './snapshotCache';
import { TestImages } from './testImages';
import { judgeFrame, judgeRequest } from './verdict';
import { serveWasmFromOrigin } from './wasmPaths';

declare const self: DedicatedWorkerGlobalScope;

serveWasmFromOrigin();

function emit(event: EngineEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** The loaded model, its renderer, and where face-api's weights are served (models/face-api/, see build/vendorModels.ts). */
let loaded: {
  model: FaceModel;
  renderer: Renderer;
  detectorBase: string;
  snapshots: SnapshotCache;
  tests: TestImages;
} | null = null;
// Face detection may switch tfjs's backend for a while (faceDetector.ts), so it runs in turn with frames, never beside.
const photos = new PhotoJobs(
  emit,
  (model, bitmap, base, opts) => inTurnResult(() => alignPhoto(model, bitmap, base, opts)),
  readRegion,
  (model, bitmap, base) => inTurnResult(() => frameGarmentPhoto(model, bitmap, base)),
);

// Batches run their chunks in turn with frames too, yielding between chunks so live frames keep priority; during a
// drag over the open photo a chunk waits for the drag to end, during playback (which never rests) BATCH_PATIENCE_MS.
const BATCH_PATIENCE_MS = 500;
const batchTurn = () => photos.turns.patient(BATCH_PATIENCE_MS);
const batches = new BatchJobs(emit, inTurnResult, (frame) => toBitmap(frame), DEFAULT_CHUNKS, batchTurn);

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

async function load({ modelUrl, backend }: Extract<EngineRequest, { type: 'load' }>): Promise<void> {
  photos.close(); // its edit belongs to the model being replaced
  batches.cancelAll('The model was reloaded.');
  loaded?.snapshots.dispose();
  loaded?.model.dispose();
  loaded = null;

  // Pick the backend before downloading, so the weights land where they will be used.
  const contenders = await prepareBackend(backend);
  let lastSent = -1;
  const model = await FaceModel.load(modelUrl, {
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
  loaded = { model, renderer, detectorBase, snapshots: new SnapshotCache(model, modelUrl), tests };
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

// Load, frame and memory requests run one at a time, so a memory probe never sees a half-finished frame's tensors.
// A photo job runs beside that chain: refinement yields between steps, so frames (the live reconstruction, slider
// moves) still get through, and a cancel or a newer photo takes effect at once.
let chain: Promise<void> = Promise.resolve();
function inTurn(work: () => Promise<void>, onError: (e: unknown) => EngineError<EngineErrorCode>, id?: number): void {
  // Each request reports its own failure, so one failed request never silences the later ones.
  chain = chain.then(work).catch((e: unknown) => fail(onError(e), id));
}

/** `work` in turn, like inTurn, with its result or error going to the caller. */
function inTurnResult<T>(work: () => Promise<T>): Promise<T> {
  const result = chain.then(work);
  chain = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

// Frame requests posted and not read yet (inbound.ts): refinement, sweeps and batch chunks wait for them.
let inbound: Inbound | null = null;
photos.turns.watch(() => inbound?.waiting ?? false);

self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const request = e.data;
  inbound?.read(request);
  switch (request.type) {
    case 'inbound':
      inbound = new Inbound(request.buffer);
      return;
    case 'load':
      inTurn(() => load(request), loadError);
      return;
    case 'render':
      inTurn(() => render(request.id, request, request.photo, request.exact), frameError, request.id);
      return;
    case 'memory':
      inTurn(async () => emit({ type: 'memory', id: request.id, numTensors: tf.memory().numTensors }), frameError);
      return;
    case 'judge':
      inTurn(() => judge(request), frameError, request.id);
      return;
    case 'photo':
      void photos.run(loaded, request);
      return;
    case 'photo-cancel':
      photos.cancel();
      return;
    case 'photo-export':
      inTurn(() => exportPhoto(request.id, request, request.bitmap), frameError, request.id);
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
      photos.turns.dragStarts();
      return;
    case 'drag-end':
      photos.turns.dragEnds();
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
