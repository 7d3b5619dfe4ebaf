import type { BackendName, EngineErrorCode, LoadPhase, ModelInfo } from '../protocol';

/** What the page shows of the engine: loading (with phase and progress), ready (with the backend), or failed. */
export type EngineStatus =
  | { kind: 'loading'; phase: LoadPhase; progress: number }
  | { kind: 'ready'; backend: BackendName; model: ModelInfo; candidates: Partial<Record<BackendName, number>> }
  | { kind: 'error'; code: EngineErrorCode; message: string };

/** How a live frame was made. */
export interface FrameInfo {
  renderMs: number;
  /** performance.now() when the request left the page, for input-to-screen latency. */
  requestedAt: number;
  /** The discriminator's score for this frame (above 0 leans real); absent for a model without one. */
  verdict?: number;
  /** True when the photo's face was blended from two generated slider values (exact once the slider rests). */
  approximate?: boolean;
}
