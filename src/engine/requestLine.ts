// The engine client's turn-taking requests (frames, exports, memory probes): sent one at a time, once the model is ready.
import { LatestWinsQueue, requestFor, type Job, type LiveJob } from './latestWinsQueue';
import type { EngineEvent, EngineRequest } from './protocol';

type Post = (request: EngineRequest, transfer: Transferable[]) => void;

/** How long a slider rests before a frame blended from its sweep is replaced by the generator's own. */
export const REST_MS = 120;

/** At most one request in flight; the latest live frame wins the pending slot (LatestWinsQueue). */
export class RequestLine {
  private jobs = new LatestWinsQueue();
  private ready = false;
  /** The newest live job asked for, and the exact frame waiting for it to rest (refreshLater). */
  private lastLive: LiveJob | null = null;
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
  live(job: LiveJob): void {
    this.lastLive = job;
    this.jobs.setLive(job);
    this.cancelRest(); // after setLive: never idle in between
    this.pump();
  }

  /**
   * After an approximate frame answering `job`: asks for its exact frame once no newer value has come for REST_MS.
   * Nothing when a newer value was asked for already (its own frame is on the way).
   */
  refreshLater(job: LiveJob): void {
    if (job !== this.lastLive) return;
    this.cancelRest();
    this.jobs.hold(); // whenIdle waits for the exact frame too
    this.rest = setTimeout(() => {
      this.rest = null;
      if (job === this.lastLive) this.jobs.setLive({ ...job, exact: true, requestedAt: performance.now() });
      this.jobs.release();
      this.pump();
    }, REST_MS);
  }

  private cancelRest(): void {
    if (this.rest === null) return;
    clearTimeout(this.rest);
    this.rest = null;
    this.jobs.release();
  }

  /** Queues a one-off job (never dropped) and resolves with its answer. */
  enqueue<T>(job: (resolve: (value: T) => void, reject: (e: Error) => void) => Job): Promise<T> {
    return new Promise((resolve, reject) => {
      this.jobs.push(job(resolve, reject));
      this.pump();
    });
  }

  /** The job that request `id` answers, if it is the one in flight (null: a request no longer wanted). */
  take(id: number): Job | null {
    return this.jobs.take(id);
  }

  /** Settles the export, memory probe or verdicts that `event` answers (closing a bitmap nobody wants), sends the next. */
  settle(event: Extract<EngineEvent, { type: 'photo-exported' | 'memory' | 'judged' }>): void {
    const job = this.jobs.take(event.id);
    if (event.type === 'memory') {
      if (job?.kind === 'memory') job.resolve(event.numTensors);
    } else if (event.type === 'judged') {
      if (job?.kind === 'judge') job.resolve({ verdicts: event.verdicts, pictures: event.pictures });
    } else if (job?.kind === 'export') job.resolve({ bitmap: event.bitmap, box: event.box });
    else event.bitmap.close();
    this.pump();
  }

  /** Sends the next job when none is in flight. */
  pump(): void {
    if (!this.ready) return;
    const next = this.jobs.start();
    if (!next) return;
    const { request, transfer } = requestFor(next.id, next.job);
    this.post(request, transfer);
  }

  /** Drops every job, rejecting the one-off ones with `error`. */
  failAll(error: Error): void {
    this.cancelRest();
    this.jobs.failAll(error);
  }

  /** Resolves once nothing is in flight or waiting, an exact frame waiting for a slider to rest included. */
  whenIdle(): Promise<void> {
    return this.jobs.whenIdle();
  }
}
