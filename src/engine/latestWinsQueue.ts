import {
  unhandled,
  type EngineRequest,
  type FrameInput,
  type JudgeInput,
  type Judged,
  type PhotoPatch,
} from './protocol';

/**
 * A live frame (sliders, playback): only the latest one waiting is worth sending. photo: the edit pasted onto the
 * open photo as well; exact: the generator's own frame, never one blended from a slider's sweep.
 */
export type LiveJob = { kind: 'live'; input: FrameInput; requestedAt: number; photo: boolean; exact?: boolean };

export type Job =
  | LiveJob
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
 * The engine client's jobs, at most one in flight. Live frames keep a single pending slot that each new value
 * overwrites, so a fast drag never builds a queue of stale frames: the latest value wins. One-off jobs (thumbnails,
 * memory probes) queue behind the live frame and are never dropped.
 */
export class LatestWinsQueue {
  private nextId = 1;
  private inFlight: { id: number; job: Job } | null = null;
  private pendingLive: LiveJob | null = null;
  private queue: Job[] = [];
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
  setLive(job: LiveJob): void {
    this.pendingLive = job;
  }

  push(job: Job): void {
    this.queue.push(job);
  }

  /**
   * Marks the next job in flight and returns it with its request id; null while a job is in flight or when nothing
   * waits (and then resolves the idle waiters).
   */
  start(): { id: number; job: Job } | null {
    if (this.inFlight) return null;
    const job = this.pendingLive ?? this.queue.shift();
    if (job === this.pendingLive) this.pendingLive = null;
    if (!job) {
      this.flushIdle();
      return null;
    }
    this.inFlight = { id: this.nextId++, job };
    return this.inFlight;
  }

  /** The job in flight if its id is `id` (no longer in flight), else null: an answer to a request not sent. */
  take(id: number): Job | null {
    if (this.inFlight?.id !== id) return null;
    const { job } = this.inFlight;
    this.inFlight = null;
    return job;
  }

  /** Drops every job, rejecting the one-off ones with `error`. */
  failAll(error: Error): void {
    const jobs = [...(this.inFlight ? [this.inFlight.job] : []), ...this.queue];
    this.inFlight = null;
    this.pendingLive = null;
    this.queue = [];
    for (const job of jobs) {
      if (job.kind === 'export') job.bitmap.close();
      if (job.kind !== 'live') job.reject(error);
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

/** The request that sends `job` as request `id`, and the buffers it transfers. */
export function requestFor(id: number, job: Job): { request: EngineRequest; transfer: Transferable[] } {
  if (job.kind === 'memory') return { request: { type: 'memory', id }, transfer: [] };
  if (job.kind === 'judge') return { request: { type: 'judge', id, ...job.judge }, transfer: [] };
  // Copies, so the caller's arrays stay usable; a frame's inputs are a few hundred floats.
  const latent = job.input.latent.slice();
  const attributes = job.input.attributes.slice();
  const transfer: Transferable[] = [latent.buffer, attributes.buffer];
  switch (job.kind) {
    case 'live':
    case 'once':
      return {
        request: {
          type: 'render',
          id,
          photo: job.photo,
          latent,
          attributes,
          ...(job.input.snapshot === undefined ? {} : { snapshot: job.input.snapshot }),
          ...(job.kind === 'live' && job.exact ? { exact: true } : {}),
        },
        transfer,
      };
    case 'export':
      return {
        request: { type: 'photo-export', id, bitmap: job.bitmap, latent, attributes },
        transfer: [job.bitmap, ...transfer],
      };
    default:
      return unhandled(job);
  }
}
