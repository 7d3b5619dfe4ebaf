// The engine client's queued requests (frames, exports, memory probes): sent one at a time, once the model is ready.
import { LatestWinsQueue, requestFor, type QueuedRequest, type LiveRequest } from './latestWinsQueue';
import type { EngineEvent, EngineRequest } from '../protocol';

type Post = (request: EngineRequest, transfer: Transferable[]) => void;

/** How long a slider rests before a frame blended from the slider cache is replaced by the generator's own. */
export const REST_MS = 120;

/** At most one request in flight; the latest live frame wins the pending slot (LatestWinsQueue). */
export class RequestLine {
  private queue = new LatestWinsQueue();
  private ready = false;
  /** The newest live request asked for, and the exact frame waiting for it to rest (refreshLater). */
  private lastLive: LiveRequest | null = null;
  private rest: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly post: Post) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Nothing is sent while not ready (loading, failed); pump() once ready sends what waits. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (!ready) this.cancelRest(); // an exact frame for the model being replaced is not wanted
  }

  /** Replaces the live frame still waiting, if any. */
  live(request: LiveRequest): void {
    this.lastLive = request;
    this.queue.setLive(request);
    this.cancelRest(); // after setLive: never idle in between
    this.pump();
  }

  /**
   * After an approximate frame answering `request`: asks for its exact frame once no newer value has come for REST_MS.
   * Nothing when a newer value was asked for already (its own frame is on the way).
   */
  refreshLater(request: LiveRequest): void {
    if (request !== this.lastLive) return;
    this.cancelRest();
    this.queue.hold(); // whenIdle waits for the exact frame too
    this.rest = setTimeout(() => {
      this.rest = null;
      if (request === this.lastLive) this.queue.setLive({ ...request, exact: true, requestedAt: performance.now() });
      this.queue.release();
      this.pump();
    }, REST_MS);
  }

  private cancelRest(): void {
    if (this.rest === null) return;
    clearTimeout(this.rest);
    this.rest = null;
    this.queue.release();
  }

  /** Queues a one-off request (never dropped) and resolves with its answer. */
  enqueue<T>(request: (resolve: (value: T) => void, reject: (e: Error) => void) => QueuedRequest): Promise<T> {
    return new Promise((resolve, reject) => {
      this.queue.push(request(resolve, reject));
      this.pump();
    });
  }

  /** The request that request `id` answers, if it is the one in flight (null: a request no longer wanted). */
  take(id: number): QueuedRequest | null {
    return this.queue.take(id);
  }

  /** Settles the export, memory probe or verdicts that `event` answers (closing a bitmap nobody wants), sends the next. */
  settle(event: Extract<EngineEvent, { type: 'photo-exported' | 'memory' | 'judged' }>): void {
    const request = this.queue.take(event.id);
    if (event.type === 'memory') {
      if (request?.kind === 'memory') request.resolve(event.numTensors);
    } else if (event.type === 'judged') {
      if (request?.kind === 'judge') request.resolve({ verdicts: event.verdicts, pictures: event.pictures });
    } else if (request?.kind === 'export') request.resolve({ bitmap: event.bitmap, box: event.box });
    else event.bitmap.close();
    this.pump();
  }

  /** Sends the next request when none is in flight. */
  pump(): void {
    if (!this.ready) return;
    const next = this.queue.start();
    if (!next) return;
    const { request, transfer } = requestFor(next.id, next.request);
    this.post(request, transfer);
  }

  /** Drops every request, rejecting the one-off ones with `error`. */
  failAll(error: Error): void {
    this.cancelRest();
    this.queue.failAll(error);
  }

  /** Resolves once nothing is in flight or waiting, an exact frame waiting for a slider to rest included. */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }
}
