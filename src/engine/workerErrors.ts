// How the worker words a failure it reports: a failed load, or any other failure as a failed frame.
import { ManifestError } from './manifest';
import { EngineError, type EngineErrorCode } from './protocol';

/** A failed load in the engine's words: a missing or damaged model, or no network. */
export function loadError(e: unknown): EngineError<EngineErrorCode> {
  if (e instanceof ManifestError) {
    return new EngineError(/HTTP 404/.test(e.message) ? 'model-not-found' : 'bad-manifest', e.message);
  }
  if (e instanceof TypeError) return new EngineError('network', `Could not download the model: ${e.message}`);
  return frameError(e);
}

/** Any other failure: the engine's own errors as they are, the rest as a failed frame. */
export function frameError(e: unknown): EngineError<EngineErrorCode> {
  return e instanceof EngineError ? e : new EngineError('render-failed', e instanceof Error ? e.message : String(e));
}
