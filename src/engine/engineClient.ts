import type {
  BackendChoice,
  BackendName,
  EngineErrorCode,
  EngineEvent,
  EngineRequest,
  FrameInput,
  LoadPhase,
  ModelInfo,
  PhotoEvent,
  PhotoRequest,
} from './protocol';

/** How the client reaches the engine: a Worker in the app, an in-memory fake in unit tests. */
export interface EngineTransport {
  post(request: EngineRequest, transfer: Transferable[]): void;
  listen(onEvent: (event: EngineEvent) => void, onCrash: (message: string) => void): void;
  terminate(): void;
}

export type EngineStatus =
  | { kind: 'loading'; phase: LoadPhase; progress: number }
  | { kind: 'ready'; backend: BackendName; model: ModelInfo; candidates: Partial<Record<BackendName, number>> }
  | { kind: 'error'; code: EngineErrorCode; message: string };

export interface FrameInfo {
  renderMs: number;
  /** performance.now() when the request left the page, for input-to-screen latency. */
  requestedAt: number;
}

type FrameListener = (bitmap: ImageBitmap, info: FrameInfo) => void;
type PhotoListener = (event: PhotoEvent) => void;
type StatusListener = (status: EngineStatus) => void;

type Job =
  | { kind: 'live'; input: FrameInput; requestedAt: number }
  | { kind: 'once'; input: FrameInput; resolve: (b: ImageBitmap) => void; reject: (e: Error) => void }
  | { kind: 'memory'; resolve: (n: number) => void; reject: (e: Error) => void };

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Talks to the engine with at most one request in flight. Live frames (sliders, playback) keep a single pending
 * slot that each new value overwrites, so a fast drag never builds a queue of stale frames: the latest value wins.
 * One-off jobs (thumbnails, memory probes) queue behind the live frame and are never dropped.
 */
export class EngineClient {
  private nextId = 1;
  private inFlight: { id: number; job: Job } | null = null;
  private pendingLive: Job | null = null;
  private queue: Job[] = [];
  private ready = false;
  private latest: ImageBitmap | null = null;
  private frameListeners = new Set<FrameListener>();
  private statusListeners = new Set<StatusListener>();
  private photoListener: PhotoListener | null = null;
  private nextPhotoId = 1;
  private idleWaiters: (() => void)[] = [];
  private lastStatus: EngineStatus = { kind: 'loading', phase: 'download', progress: 0 };

  constructor(private readonly transport: EngineTransport) {
    transport.listen(
      (event) => this.handle(event),
      (message) => this.crash(message),
    );
  }

  /** Starts (or restarts, for Retry) loading the model at `modelUrl` (a folder URL ending in '/'). */
  load(modelUrl: string, backend: BackendChoice): void {
    this.ready = false;
    this.setStatus({ kind: 'loading', phase: 'download', progress: 0 });
    this.transport.post({ type: 'load', modelUrl, backend }, []);
  }

  /** Requests a live frame; replaces any live frame still waiting to be sent. */
  render(input: FrameInput): void {
    this.pendingLive = { kind: 'live', input, requestedAt: now() };
    this.pump();
  }

  /** Renders one frame for the caller, who owns (and must close) the returned bitmap. */
  renderOnce(input: FrameInput): Promise<ImageBitmap> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'once', input, resolve, reject });
      this.pump();
    });
  }

  /** tf.memory().numTensors inside the engine, measured between renders. */
  memory(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'memory', resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts aligning and inverting a photo (the bitmap is transferred to the engine); without a bitmap, re-aligns the
   * last one (another face, or a manual crop). Its events go to the photo listener; returns the job's id.
   */
  photo(request: Omit<PhotoRequest, 'type' | 'id'>): number {
    const id = this.nextPhotoId++;
    this.transport.post({ type: 'photo', id, ...request }, request.bitmap ? [request.bitmap] : []);
    return id;
  }

  cancelPhoto(): void {
    this.transport.post({ type: 'photo-cancel' }, []);
  }

  /** The one listener for photo events; it owns the crop bitmaps it receives. */
  onPhoto(listener: PhotoListener | null): void {
    this.photoListener = listener;
  }

  /** Resolves once nothing is in flight or waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Subscribes to live frames. The client owns the bitmap (closed when the next frame arrives): draw, don't keep. */
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  get status(): EngineStatus {
    return this.lastStatus;
  }

  /** The most recent live frame, still owned by the client. */
  get latestFrame(): ImageBitmap | null {
    return this.latest;
  }

  dispose(): void {
    this.failAll(new EngineError('worker-crashed', 'engine disposed'));
    this.latest?.close();
    this.latest = null;
    this.transport.terminate();
  }

  private isIdle(): boolean {
    return this.inFlight === null && this.pendingLive === null && this.queue.length === 0;
  }

  private pump(): void {
    if (!this.ready || this.inFlight) return;
    const job = this.pendingLive ?? this.queue.shift();
    if (job === this.pendingLive) this.pendingLive = null;
    if (!job) {
      this.flushIdle();
      return;
    }
    const id = this.nextId++;
    this.inFlight = { id, job };
    if (job.kind === 'memory') {
      this.transport.post({ type: 'memory', id }, []);
    } else {
      // Copies, so the caller's arrays stay usable; a frame's inputs are a few hundred floats.
      const latent = job.input.latent.slice();
      const attributes = job.input.attributes.slice();
      this.transport.post({ type: 'render', id, latent, attributes }, [latent.buffer, attributes.buffer]);
    }
  }

  private handle(event: EngineEvent): void {
    switch (event.type) {
      case 'progress':
        this.setStatus({ kind: 'loading', phase: event.phase, progress: event.progress });
        return;
      case 'ready':
        this.ready = true;
        this.setStatus({ kind: 'ready', backend: event.backend, model: event.model, candidates: event.candidates });
        this.pump();
        return;
      case 'frame': {
        const job = this.take(event.id);
        if (!job) {
          event.bitmap.close();
          return;
        }
        if (job.kind === 'live') {
          this.latest?.close();
          this.latest = event.bitmap;
          const info = { renderMs: event.renderMs, requestedAt: job.requestedAt };
          for (const listener of this.frameListeners) listener(event.bitmap, info);
        } else if (job.kind === 'once') {
          job.resolve(event.bitmap);
        } else {
          event.bitmap.close();
        }
        this.pump();
        return;
      }
      case 'memory': {
        const job = this.take(event.id);
        if (job?.kind === 'memory') job.resolve(event.numTensors);
        this.pump();
        return;
      }
      case 'photo-aligned':
      case 'photo-step':
      case 'photo-done':
      case 'photo-error':
        if (this.photoListener) this.photoListener(event);
        else if (event.type === 'photo-aligned') event.crop.close();
        return;
      case 'error': {
        const job = event.id === undefined ? null : this.take(event.id);
        const error = new EngineError(event.code, event.message);
        if (job && job.kind !== 'live') job.reject(error);
        else {
          // A failed load or live frame is a screen-level failure; the person retries from there.
          this.ready = false;
          this.failAll(error);
          this.setStatus({ kind: 'error', code: event.code, message: event.message });
        }
        this.pump();
        return;
      }
    }
  }

  private take(id: number): Job | null {
    if (this.inFlight?.id !== id) return null;
    const { job } = this.inFlight;
    this.inFlight = null;
    return job;
  }

  private crash(message: string): void {
    this.ready = false;
    const error = new EngineError('worker-crashed', message);
    this.failAll(error);
    this.setStatus({ kind: 'error', code: 'worker-crashed', message });
  }

  private failAll(error: Error): void {
    const jobs = [...(this.inFlight ? [this.inFlight.job] : []), ...this.queue];
    this.inFlight = null;
    this.pendingLive = null;
    this.queue = [];
    for (const job of jobs) if (job.kind !== 'live') job.reject(error);
    this.flushIdle();
  }

  private flushIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private setStatus(status: EngineStatus): void {
    this.lastStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

/** The app's engine: a module worker, so tfjs never blocks the page. */
export function createWorkerEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  return new EngineClient({
    post: (request, transfer) => worker.postMessage(request, transfer),
    listen: (onEvent, onCrash) => {
      worker.onmessage = (e: MessageEvent<EngineEvent>) => onEvent(e.data);
      worker.onerror = (e) => onCrash(e.message || 'The engine worker stopped unexpectedly.');
      worker.onmessageerror = () => onCrash('The engine sent a message the page could not read.');
    },
    terminate: () => worker.terminate(),
  });
}
