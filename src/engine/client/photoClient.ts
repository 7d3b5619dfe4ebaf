// The page's side of photo jobs: starting, stopping and stepping them, their events, and the latest photo frame.
import type { FrameInfo } from './engineStatus';
import { LatestFrame } from './latestFrame';
import type { EngineRequest, LivePatch, PhotoEvent, PhotoRequest } from '../protocol';

export type PhotoListener = (event: PhotoEvent) => void;

export class PhotoClient {
  /** The latest live photo frame (the edit pasted onto the open photo); owned here, given back when replaced. */
  readonly frames = new LatestFrame<LivePatch, FrameInfo>((p) => this.giveBack(p));
  private listener: PhotoListener | null = null;
  private nextId = 1;

  constructor(private readonly post: (request: EngineRequest, transfer: Transferable[]) => void) {}

  /** Starts a job (the bitmap is transferred), or re-aligns the last photo without one; returns the job's id. */
  start(request: Omit<PhotoRequest, 'type' | 'id'>): number {
    const id = this.nextId++;
    this.post({ type: 'photo', id, ...request }, request.bitmap ? [request.bitmap] : []);
    return id;
  }

  cancel(): void {
    this.post({ type: 'photo-cancel' }, []);
  }

  /**
   * Step-through: pause() holds the refinement before its next step (tensors kept; a photo opened while paused stops
   * after its encoder result, step 0) until resume(); step() runs one step while paused, reported as one 'photo-step'.
   */
  pause(): void {
    this.post({ type: 'photo-pause' }, []);
  }

  resume(): void {
    this.post({ type: 'photo-resume' }, []);
  }

  step(): void {
    this.post({ type: 'photo-advance' }, []);
  }

  /** Stops the job and frees the open photo and its edit in the engine. */
  close(): void {
    this.frames.clear();
    this.post({ type: 'photo-close' }, []);
  }

  /** Gives a live frame's buffer back to the engine, to write a later frame into: `patch` is unusable after. */
  giveBack(patch: LivePatch): void {
    this.post({ type: 'photo-buffer', buffer: patch.data.buffer }, [patch.data.buffer]);
  }

  /** The one listener for photo events; it owns the crop bitmaps it receives. */
  listen(listener: PhotoListener | null): void {
    this.listener = listener;
  }

  handle(event: PhotoEvent): void {
    if (this.listener) this.listener(event);
    else if (event.type === 'photo-aligned') event.crop.close();
  }
}
