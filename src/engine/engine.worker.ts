/// <reference lib="webworker" />
// The engine: owns the model (and so every long-lived tensor) and turns frame requests into ImageBitmaps.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { autoCandidates, fallbacks, pickFastest, probeWebGl, probeWebGpu } from './backend';
import { FaceModel } from './faceModel';
import { ManifestError } from './manifest';
import type {
  BackendChoice,
  BackendName,
  EngineErrorCode,
  EngineEvent,
  EngineRequest,
  FrameInput,
  ModelInfo,
} from './protocol';
import { Renderer, type RgbaFrame } from './renderer';
import { PhotoJobs } from './photoPipeline';
import { serveWasmFromOrigin } from './wasmPaths';

declare const self: DedicatedWorkerGlobalScope;

serveWasmFromOrigin();

let model: FaceModel | null = null;
let renderer: Renderer | null = null;

function emit(event: EngineEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

// Photo jobs; face-api's weights are served beside the face model (models/face-api/, see build/vendorModels.ts).
let photos: PhotoJobs | null = null;

class EngineFailure extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function useBackend(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

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

async function load(modelUrl: string, choice: BackendChoice): Promise<void> {
  photos?.cancel();
  photos ??= new PhotoJobs(new URL('../face-api/', modelUrl).href, emit);
  model?.dispose();
  model = null;
  renderer = null;

  // Pick the backend before downloading, so the weights land where they will be used.
  let timed: BackendName[] = [];
  if (choice === 'auto') {
    const gl = probeWebGl();
    const plan = (await probeWebGpu()).kind === 'hardware' ? ['webgpu' as const] : autoCandidates(gl);
    const usable: BackendName[] = [];
    for (const name of plan) if (await useBackend(name)) usable.push(name);
    if (usable.length === 0) {
      for (const name of fallbacks(gl)) if (await useBackend(name)) break;
    }
    if (usable.length > 1) timed = usable;
    if (usable[0]) await useBackend(usable[0]);
  } else if (!(await useBackend(choice))) {
    throw new EngineFailure('backend-unavailable', `The ${choice} backend is not available in this browser.`);
  }

  let lastSent = -1;
  const loaded = await FaceModel.load(modelUrl, {
    onProgress: (bytes, total) => {
      const progress = total > 0 ? bytes / total : 0;
      // A progress event per network chunk would flood the page; 1% steps are smooth enough.
      if (progress - lastSent >= 0.01 || progress === 1) {
        lastSent = progress;
        emit({ type: 'progress', phase: 'download', progress, detail: `${bytes} / ${total} bytes` });
      }
    },
  });
  const info = modelInfo(loaded);
  const r = new Renderer(loaded, loaded.manifest.pixelRange);
  const input = probeInput(info);

  // Only when several real contenders exist: time a frame on each and keep the fastest.
  const candidates: Partial<Record<BackendName, number>> = {};
  if (timed.length > 1) {
    for (const [i, name] of timed.entries()) {
      emit({ type: 'progress', phase: 'backend', progress: i / timed.length, detail: name });
      if (!(await useBackend(name))) continue;
      try {
        candidates[name] = await timeFrame(r, input);
      } catch {
        candidates[name] = Infinity;
      }
    }
    await useBackend(pickFastest(candidates));
  }

  // Shader compilation (slow on WebGPU) happens here, on the loading screen, not on the first slider move.
  const warmups = 2;
  for (let i = 0; i < warmups; i++) {
    emit({ type: 'progress', phase: 'warmup', progress: i / warmups });
    await r.render(input);
  }
  emit({ type: 'progress', phase: 'warmup', progress: 1 });

  model = loaded;
  renderer = r;
  emit({ type: 'ready', model: info, backend: tf.getBackend() as BackendName, candidates });
  photos?.prefetch();
}

function modelInfo(m: FaceModel): ModelInfo {
  const { manifest } = m;
  const licence = manifest.training?.['licence'];
  return {
    id: manifest.id,
    name: manifest.name,
    resolution: manifest.resolution,
    latent: { size: manifest.latent.size, mean: manifest.latent.mean, std: manifest.latent.std },
    attributes: manifest.attributes.map((a) => ({ ...a })),
    ...(typeof licence === 'string' ? { licence } : {}),
  };
}

async function toBitmap(frame: RgbaFrame): Promise<ImageBitmap> {
  return createImageBitmap(new ImageData(frame.data, frame.width, frame.height));
}

async function handle(request: EngineRequest): Promise<void> {
  switch (request.type) {
    case 'load':
      try {
        await load(request.modelUrl, request.backend);
      } catch (e) {
        emit({ type: 'error', ...describe(e) });
      }
      return;
    case 'render': {
      if (!renderer) {
        emit({ type: 'error', id: request.id, code: 'not-loaded', message: 'The model is not loaded yet.' });
        return;
      }
      try {
        const start = performance.now();
        const bitmap = await toBitmap(await renderer.render(request));
        emit({ type: 'frame', id: request.id, bitmap, renderMs: performance.now() - start }, [bitmap]);
      } catch (e) {
        emit({ type: 'error', id: request.id, code: 'render-failed', message: (e as Error).message });
      }
      return;
    }
    case 'memory':
      emit({ type: 'memory', id: request.id, numTensors: tf.memory().numTensors });
      return;
  }
}

function describe(e: unknown): { code: EngineErrorCode; message: string } {
  if (e instanceof EngineFailure) return { code: e.code, message: e.message };
  if (e instanceof ManifestError) {
    const notFound = /HTTP 404/.test(e.message);
    return { code: notFound ? 'model-not-found' : 'bad-manifest', message: e.message };
  }
  if (e instanceof TypeError) return { code: 'network', message: `Could not download the model: ${e.message}` };
  return { code: 'render-failed', message: e instanceof Error ? e.message : String(e) };
}

// Requests run one at a time, so a memory probe never sees a half-finished frame's tensors. A photo job runs beside
// the chain: refinement yields between steps, so frames (the live reconstruction, slider moves) still get through,
// and a cancel or a newer photo takes effect at once.
let chain: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const request = e.data;
  if (request.type === 'photo-cancel') {
    photos?.cancel();
    return;
  }
  if (request.type === 'photo') {
    if (model && photos) void photos.run(model, request);
    else {
      request.bitmap?.close();
      const message = 'The model is not loaded yet.';
      emit({ type: 'photo-error', id: request.id, code: 'photo-failed', message, faces: [], width: 0, height: 0 });
    }
    return;
  }
  chain = chain
    .then(() => handle(request))
    .catch((err: unknown) => {
      // Keep the chain alive: one failed request must not silence every later one.
      emit({ type: 'error', code: 'render-failed', message: err instanceof Error ? err.message : String(err) });
    });
};
