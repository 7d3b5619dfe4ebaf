import { EngineClient } from './engineClient';
import { workerTransport } from './engineTransport';

/** The app's engine: a module worker, so tfjs never blocks the page. */
export function createWorkerEngine(): EngineClient {
  return new EngineClient(workerTransport());
}
