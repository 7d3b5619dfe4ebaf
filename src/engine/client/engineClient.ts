import { BatchRequests, type BatchOptions, type BatchResult } from './batchRequests';
import type { EngineStatus, FrameInfo } from './engineStatus';
import { countingPost, workerTransport, type EngineTransport } from './engineTransport';
import { LatestFrame } from './latestFrame';
import { PhotoClient, type PhotoListener } from './photoClient';
import { CameraClient } from './cameraClient';
import {
  EngineError,
  unhandled,
  type BackendChoice,
  type EngineEvent,
  type FrameInput,
  type JudgeInput,
  type Judged,
  type LivePatch,
  type PhotoPatch,
  type PhotoRequest,
} from '../protocol';
import { RequestLine } from './requestLine';

export type { BatchOptions, BatchResult } from './batchRequests';
export type { EngineStatus, FrameInfo } from './engineStatus';
export type { EngineTransport } from './engineTransport';

/**
 * Talks to the engine with at most one request in flight (the latest live frame wins, see LatestWinsQueue) and turns
 * its events into status, frames and photo events.
 */
export class EngineClient {
  private requests: RequestLine;
  private faceFrames = new LatestFrame<ImageBitmap, FrameInfo>((b) => b.close());
  private statusListeners = new Set<(status: EngineStatus) => void>();
  private photos: PhotoClient;
  /** The live camera's frames (cameraClient.ts). */
  readonly camera: CameraClient;
  private batches: BatchRequests;
  private lastStatus: EngineStatus = { kind: 'loading', phase: 'download', progress: 0 };
  private readonly post: EngineTransport['post'];

  constructor(private readonly transport: EngineTransport) {
    this.post = countingPost(transport); // the worker sees frame requests as they are posted, where it can (inbound.ts)
    this.requests = new RequestLine(this.post);
    this.photos = new PhotoClient(this.post);
    this.camera = new CameraClient(this.post);
    this.batches = new BatchRequests(this.post);
    transport.listen(
      (event) => this.handle(event),
      (message) => this.crash(message),
    );
  }

  /** Starts (or restarts, for Retry) loading the model at `modelUrl` (a folder URL ending in '/'). */
  load(modelUrl: string, backend: BackendChoice): void {
    this.requests.setReady(false);
    this.setStatus({ kind: 'loading', phase: 'download', progress: 0 });
    this.transport.post({ type: 'load', modelUrl, backend }, []);
  }

  /** Requests a live frame, replacing any still waiting; with `photo`, the edit pasted onto the open photo too. */
  render(input: FrameInput, photo = false): void {
    this.requests.live({ kind: 'live', input, requestedAt: performance.now(), photo });
  }

  /** The photo's face region edited by `input`, at the size of `bitmap` (transferred); the caller owns the result. */
  exportPhoto(input: FrameInput, bitmap: ImageBitmap): Promise<PhotoPatch> {
    return this.requests.enqueue((resolve, reject) => ({ kind: 'export', input, bitmap, resolve, reject }));
  }

  /** A slider is pressed or released: the engine holds refinement and batch chunks for a drag's frames (FramePriority). */
  sliderPressed(pressed: boolean): void {
    this.post({ type: pressed ? 'drag-start' : 'drag-end' }, []);
  }

  /** Stops the photo job and frees the open photo and its edit in the engine. */
  closePhoto(): void {
    this.photos.close();
  }

  /**
   * Renders every input like a live frame, in chunks that let live frames through, at `options.size` px, with E_y's
   * readings when `options.read`. Rejects with an EngineError ('aborted' when the signal aborts; 'bad-input', with
   * what is wrong, for inputs that do not fit the model). The caller owns the bitmaps.
   */
  batch(inputs: readonly FrameInput[], options: BatchOptions): Promise<BatchResult> {
    if (!this.requests.isReady) return Promise.reject(new EngineError('not-loaded', 'The model is not loaded yet.'));
    return this.batches.start(inputs, options);
  }

  /** One face frame for the caller, who owns (and must close) it; `photo`: from the open photo's fit, as its face shows. */
  renderOnce(input: FrameInput, photo = false): Promise<ImageBitmap> {
    return this.requests.enqueue((resolve, reject) => ({ kind: 'once', input, photo, resolve, reject }));
  }

  /** The discriminator's verdicts on pictures or the model's test images (JudgeInput), in the queue with frames. */
  judge(input: JudgeInput): Promise<Judged> {
    return this.requests.enqueue((resolve, reject) => ({ kind: 'judge', judge: input, resolve, reject }));
  }

  /** tf.memory().numTensors inside the engine, measured between renders. */
  memory(): Promise<number> {
    return this.requests.enqueue((resolve, reject) => ({ kind: 'memory', resolve, reject }));
  }

  /**
   * Starts aligning and inverting a photo (the bitmap is transferred to the engine); without a bitmap, re-aligns the
   * last one (another face, or a manual crop). Its events go to the photo listener; returns the job's id.
   */
  photo(request: Omit<PhotoRequest, 'type' | 'id'>): number {
    return this.photos.start(request);
  }

  cancelPhoto(): void {
    this.photos.cancel();
  }

  /** Holds the photo's refinement before its next step, tensors kept, until resumePhoto(); see PhotoClient. */
  pausePhoto(): void {
    this.photos.pause();
  }

  resumePhoto(): void {
    this.photos.resume();
  }

  /** While paused, runs one refinement step, reported as one 'photo-step' (with its loss and PSNR). */
  stepPhoto(): void {
    this.photos.step();
  }

  /** The one listener for photo events; it owns the crop bitmaps it receives. */
  onPhoto(listener: PhotoListener | null): void {
    this.photos.listen(listener);
  }

  /** Resolves once nothing is in flight or waiting (an exact frame waiting for a slider to rest included). */
  whenIdle(): Promise<void> {
    return this.requests.whenIdle();
  }

  /** Subscribes to live frames. The client owns the bitmap (closed when the next frame arrives): draw, don't keep. */
  onFrame(listener: (bitmap: ImageBitmap, info: FrameInfo) => void): () => void {
    return this.faceFrames.listen(listener);
  }

  /** Subscribes to live photo frames and how each was made; the client owns their bytes: draw, don't keep. */
  onPhotoFrame(listener: (patch: LivePatch, info: FrameInfo) => void): () => void {
    return this.photos.frames.listen(listener);
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
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
  get latestPhotoFrame(): LivePatch | null {
    return this.photos.frames.value;
  }

  dispose(): void {
    const error = new EngineError('worker-crashed', 'engine disposed');
    this.requests.failAll(error);
    this.batches.failAll(error);
    this.faceFrames.clear();
    this.photos.frames.clear();
    this.transport.terminate();
  }

  private handle(event: EngineEvent): void {
    switch (event.type) {
      case 'progress':
        this.setStatus({ kind: 'loading', phase: event.phase, progress: event.progress });
        return;
      case 'ready':
        this.requests.setReady(true);
        this.setStatus({ kind: 'ready', backend: event.backend, model: event.model, candidates: event.candidates });
        this.requests.pump();
        return;
      case 'frame': {
        const asked = this.requests.take(event.id); // null: an answer to a request no longer wanted
        // A frame from the slider cache: its exact frame once the slider rests (promised before pump() looks at idle).
        if (asked?.kind === 'live' && event.photo?.approximate) this.requests.refreshLater(asked);
        // The next request first, so the engine works on it while this frame is drawn.
        this.requests.pump();
        if (asked?.kind === 'live') {
          const { renderMs, verdict, photo } = event;
          const info = { renderMs, requestedAt: asked.requestedAt, verdict, approximate: photo?.approximate };
          this.faceFrames.show(event.bitmap, info);
          if (photo) this.photos.frames.show(photo, info);
        } else {
          if (event.photo) this.photos.giveBack(event.photo);
          if (asked?.kind === 'once') asked.resolve(event.bitmap);
          else event.bitmap.close();
        }
        return;
      }
      case 'photo-exported':
      case 'memory':
      case 'judged':
        this.requests.settle(event);
        return;
      case 'photo-aligned':
      case 'photo-step':
      case 'photo-done':
      case 'photo-error':
        this.photos.handle(event);
        return;
      case 'batch-chunk':
      case 'batch-done':
      case 'batch-error':
        this.batches.handle(event);
        return;
      case 'camera-frame':
        this.camera.handle(event);
        return;
      case 'error': {
        const asked = event.id === undefined ? null : this.requests.take(event.id);
        const error = new EngineError(event.code, event.message);
        if (asked && asked.kind !== 'live') asked.reject(error);
        else {
          // A failed load or live frame is a screen-level failure; the person retries from there.
          this.requests.setReady(false);
          this.requests.failAll(error);
          this.setStatus({ kind: 'error', code: event.code, message: event.message });
        }
        this.requests.pump();
        return;
      }
      default:
        unhandled(event);
    }
  }

  private crash(message: string): void {
    this.requests.setReady(false);
    const error = new EngineError('worker-crashed', message);
    this.requests.failAll(error);
    this.batches.failAll(error);
    this.camera.failAll(error);
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
