import { workerTransport, type EngineTransport } from './engineTransport';
import { LatestFrame } from './latestFrame';
import { LatestWinsQueue, requestFor, type Job } from './latestWinsQueue';
import {
  EngineError,
  unhandled,
  type BackendChoice,
  type BackendName,
  type EngineErrorCode,
  type EngineEvent,
  type FrameInput,
  type LoadPhase,
  type ModelInfo,
  type PhotoEvent,
  type PhotoPatch,
  type PhotoRequest,
} from './protocol';

export type { EngineTransport } from './engineTransport';

export type EngineStatus =
  | { kind: 'loading'; phase: LoadPhase; progress: number }
  | { kind: 'ready'; backend: BackendName; model: ModelInfo; candidates: Partial<Record<BackendName, number>> }
  | { kind: 'error'; code: EngineErrorCode; message: string };

export interface FrameInfo {
  renderMs: number;
  /** performance.now() when the request left the page, for input-to-screen latency. */
  requestedAt: number;
}

type PhotoListener = (event: PhotoEvent) => void;
type StatusListener = (status: EngineStatus) => void;

/**
 * Talks to the engine with at most one request in flight (the latest live frame wins, see LatestWinsQueue) and turns
 * its events into status, frames and photo events.
 */
export class EngineClient {
  private jobs = new LatestWinsQueue();
  private ready = false;
  private faceFrames = new LatestFrame<ImageBitmap, FrameInfo>((b) => b.close());
  private photoFrames = new LatestFrame<PhotoPatch>((p) => p.bitmap.close());
  private statusListeners = new Set<StatusListener>();
  private photoListener: PhotoListener | null = null;
  private nextPhotoId = 1;
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

  /**
   * Requests a live frame; replaces any live frame still waiting to be sent. With `photo`, the edit is also pasted
   * onto the open photo, for the photo frame listeners.
   */
  render(input: FrameInput, photo = false): void {
    this.jobs.setLive({ kind: 'live', input, requestedAt: performance.now(), photo });
    this.pump();
  }

  /**
   * The open photo's face region edited by `input`, at the size of `bitmap` (the same photo decoded again, usually
   * at full resolution; transferred to the engine). The caller owns the returned bitmap.
   */
  exportPhoto(input: FrameInput, bitmap: ImageBitmap): Promise<PhotoPatch> {
    return this.enqueue((resolve, reject) => ({ kind: 'export', input, bitmap, resolve, reject }));
  }

  /** Stops the photo job and frees the open photo and its edit in the engine. */
  closePhoto(): void {
    this.photoFrames.clear();
    this.transport.post({ type: 'photo-close' }, []);
  }

  /** One face frame for the caller, who owns (and must close) it; `photo`: from the open photo's fit, as its face shows. */
  renderOnce(input: FrameInput, photo = false): Promise<ImageBitmap> {
    return this.enqueue((resolve, reject) => ({ kind: 'once', input, photo, resolve, reject }));
  }

  /** tf.memory().numTensors inside the engine, measured between renders. */
  memory(): Promise<number> {
    return this.enqueue((resolve, reject) => ({ kind: 'memory', resolve, reject }));
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
    return this.jobs.whenIdle();
  }

  /** Subscribes to live frames. The client owns the bitmap (closed when the next frame arrives): draw, don't keep. */
  onFrame(listener: (bitmap: ImageBitmap, info: FrameInfo) => void): () => void {
    return this.faceFrames.listen(listener);
  }

  /** Subscribes to live photo frames; the client owns their bitmaps (closed when the next arrives). */
  onPhotoFrame(listener: (patch: PhotoPatch) => void): () => void {
    return this.photoFrames.listen(listener);
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
    return this.faceFrames.value;
  }

  /** The most recent live photo frame, still owned by the client; null after closePhoto(). */
  get latestPhotoFrame(): PhotoPatch | null {
    return this.photoFrames.value;
  }

  dispose(): void {
    this.jobs.failAll(new EngineError('worker-crashed', 'engine disposed'));
    this.faceFrames.clear();
    this.photoFrames.clear();
    this.transport.terminate();
  }

  /** Queues a one-off job (never dropped) and resolves with its answer. */
  private enqueue<T>(job: (resolve: (value: T) => void, reject: (e: Error) => void) => Job): Promise<T> {
    return new Promise((resolve, reject) => {
      this.jobs.push(job(resolve, reject));
      this.pump();
    });
  }

  private pump(): void {
    if (!this.ready) return;
    const next = this.jobs.start();
    if (!next) return;
    const { request, transfer } = requestFor(next.id, next.job);
    this.transport.post(request, transfer);
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
        const job = this.jobs.take(event.id); // null: an answer to a request no longer wanted
        if (job?.kind === 'live') {
          this.faceFrames.show(event.bitmap, { renderMs: event.renderMs, requestedAt: job.requestedAt });
          if (event.photo) this.photoFrames.show(event.photo, undefined);
        } else {
          event.photo?.bitmap.close();
          if (job?.kind === 'once') job.resolve(event.bitmap);
          else event.bitmap.close();
        }
        this.pump();
        return;
      }
      case 'photo-exported': {
        const job = this.jobs.take(event.id);
        if (job?.kind === 'export') job.resolve({ bitmap: event.bitmap, box: event.box });
        else event.bitmap.close();
        this.pump();
        return;
      }
      case 'memory': {
        const job = this.jobs.take(event.id);
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
        const job = event.id === undefined ? null : this.jobs.take(event.id);
        const error = new EngineError(event.code, event.message);
        if (job && job.kind !== 'live') job.reject(error);
        else {
          // A failed load or live frame is a screen-level failure; the person retries from there.
          this.ready = false;
          this.jobs.failAll(error);
          this.setStatus({ kind: 'error', code: event.code, message: event.message });
        }
        this.pump();
        return;
      }
      default:
        unhandled(event);
    }
  }

  private crash(message: string): void {
    this.ready = false;
    const error = new EngineError('worker-crashed', message);
    this.jobs.failAll(error);
    this.setStatus({ kind: 'error', code: 'worker-crashed', message });
  }

  private setStatus(status: EngineStatus): void {
    this.lastStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** The app's engine: a module worker, so tfjs never blocks the page. */
export function createWorkerEngine(): EngineClient {
  return new EngineClient(workerTransport());
}
