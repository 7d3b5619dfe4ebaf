import { Inbound } from '../inbound';
import type { EngineEvent, EngineRequest } from '../protocol';

/** How the client reaches the engine: a Worker in the app, an in-memory fake in unit tests. */
export interface EngineTransport {
  post(request: EngineRequest, transfer: Transferable[]): void;
  listen(onEvent: (event: EngineEvent) => void, onCrash: (message: string) => void): void;
  terminate(): void;
}

/** The engine in a module worker, so tfjs never blocks the page. */
export function workerTransport(): EngineTransport {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    listen: (onEvent, onCrash) => {
      worker.onmessage = (e: MessageEvent<EngineEvent>) => onEvent(e.data);
      worker.onerror = (e) => onCrash(e.message || 'The engine worker stopped unexpectedly.');
      worker.onmessageerror = () => onCrash('The engine sent a message the page could not read.');
    },
    terminate: () => worker.terminate(),
  };
}

/** How the page posts to the worker: as `transport` does, with its frame requests counted where the page can. */
export function countingPost(transport: EngineTransport): EngineTransport['post'] {
  const inbound = Inbound.create();
  if (!inbound) return (request, transfer) => transport.post(request, transfer);
  transport.post({ type: 'inbound', buffer: inbound.buffer }, []); // first, so that every counted request is seen
  return (request, transfer) => transport.post(inbound.stamp(request), transfer);
}
