// The page's side of the live camera: each frame goes to the engine with the edit to apply, and comes back edited.
// One frame at a time is the caller's choice (cameraLoop.ts sends the next when the last is back); the engine also
// drops a frame still waiting when a newer one arrives, answering it as skipped.
import { EngineError, type CameraFace, type EngineEvent, type EngineRequest, type FrameInput } from '../protocol';

export type CameraFrameEvent = Extract<EngineEvent, { type: 'camera-frame' }>;

/** An edited camera frame: the caller owns (and must close) the bitmap. */
export interface EditedFrame {
  bitmap: ImageBitmap;
  face: CameraFace | null;
  stages: Record<string, number>;
}

type Waiting = { resolve: (frame: EditedFrame | null) => void; reject: (e: Error) => void };

export class CameraClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly post: (request: EngineRequest, transfer: Transferable[]) => void) {}

  /**
   * Sends `bitmap` (transferred) to be edited by `edit` (none: only follow the face); resolves with the edited frame,
   * or null when a newer frame replaced it before it ran.
   */
  edit(
    bitmap: ImageBitmap,
    capturedAt: number,
    edit?: { input: FrameInput; reference: FrameInput },
  ): Promise<EditedFrame | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'camera-frame', id, bitmap, capturedAt, ...(edit ? { edit } : {}) }, [bitmap]);
    });
  }

  /** The camera stopped: the engine forgets the face it followed; frames still waiting come back as skipped. */
  stop(): void {
    this.post({ type: 'camera-stop' }, []);
  }

  handle(event: CameraFrameEvent): void {
    const waiting = this.waiting.get(event.id);
    this.waiting.delete(event.id);
    if (!waiting) {
      event.bitmap?.close();
      return;
    }
    if (event.error !== undefined) waiting.reject(new EngineError('render-failed', event.error));
    else if (!event.bitmap) waiting.resolve(null);
    else waiting.resolve({ bitmap: event.bitmap, face: event.face, stages: event.stages });
  }

  /** The engine is gone: every frame still out fails with `error`. */
  failAll(error: Error): void {
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }
}
