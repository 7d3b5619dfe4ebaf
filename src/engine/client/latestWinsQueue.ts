import {
  unhandled,
  type EngineRequest,
  type FrameInput,
  type JudgeInput,
  type Judged,
  type PhotoPatch,
} from '../protocol';

/**
 * A live frame (sliders, playback): only the latest one waiting is worth sending. photo: the edit pasted onto the
 * open photo as well; exact: the generator's own frame, never one blended from the slider cache.
 */
export type LiveRequest = { kind: 'live'; input: FrameInput; requestedAt: number; photo: boolean; exact?: boolean };

export type QueuedRequest =
  | LiveRequest
  | {
      kind: 'once';
      input: FrameInput;
      photo: boolean;
      resolve: (b: ImageBitmap) => void;
      reject: (e: Error) => void;
    }
  | {
      kind: 'export';
      input: FrameInput;
      bitmap: ImageBitmap;
      resolve: (p: PhotoPatch) => void;
      reject: (e: Error) => void;
    }
  | { kind: 'memory'; resolve: (n: number) => void; reject: (e: Error) => void }
  | { kind: 'judge'; judge: JudgeInput; resolve: (j: Judged) => void; reject: (e: Error) => void };

/**
 * The engine client's requests, at most one in flight. Live frames keep a single pending slot that each new value
 * overwrites, so a fast drag never builds a queue of stale frames: the latest value wins. One-off requests (thumbnails,
 * memory probes) queue behind the live frame and are never dropped.
 */
export class LatestWinsQueue {
  private nextId = 1;
  private inFlight: { id: number; request: QueuedRequest } | null = null;
  private pendingLive: LiveRequest | null = null;
  private queue: QueuedRequest[] = [];
  private idleWaiters: (() => void)[] = [];
  /** Work promised but not queued yet (an exact frame waiting for a slider to rest): not idle while any is held. */
  private holds = 0;

  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds--;
    this.flushIdle();
  }

  /** Replaces the live frame still waiting, if any. */
  setLive(request: LiveRequest): void {
    this.pendingLive = request;
  }

  push(request: QueuedRequest): void {
    this.queue.push(request);
  }

  /**
   * Marks the next request in flight and returns it with its request id; null while a request is in flight or when nothing
   * waits (and then resolves the idle waiters).
   */
  start(): { id: number; request: QueuedRequest } | null {
    if (this.inFlight) return null;
    const request = this.pendingLive ?? this.queue.shift();
    if (request === this.pendingLive) this.pendingLive = null;
    if (!request) {
      this.flushIdle();
      return null;
    }
    this.inFlight = { id: this.nextId++, request };
    return this.inFlight;
  }

  /** The request in flight if its id is `id` (no longer in flight), else null: an answer to a request not sent. */
  take(id: number): QueuedRequest | null {
    if (this.inFlight?.id !== id) return null;
    const { request } = this.inFlight;
    this.inFlight = null;
    return request;
  }

  /** Drops every request, rejecting the one-off ones with `error`. */
  failAll(error: Error): void {
    const requests = [...(this.inFlight ? [this.inFlight.request] : []), ...this.queue];
    this.inFlight = null;
    this.pendingLive = null;
    this.queue = [];
    for (const request of requests) {
      if (request.kind === 'export') request.bitmap.close();
      if (request.kind !== 'live') request.reject(error);
    }
    this.flushIdle();
  }

  /** Resolves once nothing is in flight or waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.inFlight === null && this.pendingLive === null && this.queue.length === 0 && this.holds === 0;
  }

  private flushIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The request that sends `request` as request `id`, and the buffers it transfers. */
export function requestFor(id: number, request: QueuedRequest): { request: EngineRequest; transfer: Transferable[] } {
  if (request.kind === 'memory') return { request: { type: 'memory', id }, transfer: [] };
  if (request.kind === 'judge') return { request: { type: 'judge', id, ...request.judge }, transfer: [] };
  // Copies, so the caller's arrays stay usable; a frame's inputs are a few hundred floats.
  const latent = request.input.latent.slice();
  const attributes = request.input.attributes.slice();
  const transfer: Transferable[] = [latent.buffer, attributes.buffer];
  switch (request.kind) {
    case 'live':
    case 'once':
      return {
        request: {
          type: 'render',
          id,
          photo: request.photo,
          latent,
          attributes,
          ...(request.input.snapshot === undefined ? {} : { snapshot: request.input.snapshot }),
          ...(request.kind === 'live' && request.exact ? { exact: true } : {}),
        },
        transfer,
      };
    case 'export':
      return {
        request: { type: 'photo-export', id, bitmap: request.bitmap, latent, attributes },
        transfer: [request.bitmap, ...transfer],
      };
    default:
      return unhandled(request);
  }
}
