// The only vocabulary spoken across the worker boundary. Both sides import these types; nothing here is a tensor.

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

export interface AttributeInfo {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  off: number;
  on: number;
}

/** The parts of the manifest the page needs; plain data, safe to clone. */
export interface ModelInfo {
  id: string;
  name: string;
  resolution: number;
  latent: { size: number; mean: number; std: number };
  attributes: AttributeInfo[];
  licence?: string;
}

export interface FrameInput {
  latent: Float32Array; // [latent.size]
  attributes: Float32Array; // [attributes.length], manifest order
}

export type EngineRequest =
  | { type: 'load'; modelUrl: string; backend: BackendChoice }
  | ({ type: 'render'; id: number } & FrameInput)
  | { type: 'memory'; id: number };

export type EngineEvent =
  | { type: 'progress'; phase: LoadPhase; progress: number; detail?: string }
  | { type: 'ready'; model: ModelInfo; backend: BackendName; candidates: Partial<Record<BackendName, number>> }
  // RGBA bitmap at the model's resolution; ownership moves to the receiver, who must close() it.
  | { type: 'frame'; id: number; bitmap: ImageBitmap; renderMs: number }
  | { type: 'memory'; id: number; numTensors: number }
  | { type: 'error'; id?: number; code: EngineErrorCode; message: string };

export function isBackendName(value: unknown): value is BackendName {
  return value === 'webgpu' || value === 'webgl' || value === 'wasm' || value === 'cpu';
}

/** Reads `?backend=` from a query string; anything unknown means auto. */
export function backendFromQuery(search: string): BackendChoice {
  const value = new URLSearchParams(search).get('backend');
  return isBackendName(value) ? value : 'auto';
}
