// The worker's batches: many faces rendered in chunks, each chunk in the queue with live frames, so a slider drag waits for
// at most one chunk however long the batch. Results go out through `emit` as plain data and bitmaps.
import { checkBatch, renderBatch, type BatchFrames } from '../render/batchFrames';
import type { GanModel } from '../model/ganModel';
import { nextTask, type RunInQueue } from './scheduler';
import { checkGradientOf, readingGradients } from '../render/readingGradients';
import {
  EngineError,
  type BatchErrorCode,
  type BatchEvent,
  type BatchRequest,
  type EngineErrorCode,
} from '../protocol';
import type { RgbaFrame } from '../render/renderer';

export interface ChunkOptions {
  /** About how long one chunk may hold the engine (ms); the chunk size follows the measured time per face. */
  chunkMs: number;
  /** Most faces per chunk. */
  maxChunk: number;
}

// A chunk about two live frames long at most halves a drag's frame rate during a batch, while faces in one pass cost
// about half what they cost one by one (bench/results/choices.md).
export const DEFAULT_CHUNKS: ChunkOptions = { chunkMs: 40, maxChunk: 16 };

export class BatchJobs {
  private running = new Map<number, { ctrl: AbortController; reason: string }>();

  constructor(
    private readonly emit: (event: BatchEvent, transfer?: Transferable[]) => void,
    private readonly inQueue: RunInQueue,
    private readonly toBitmap: (frame: RgbaFrame) => Promise<ImageBitmap>,
    private readonly chunks: ChunkOptions = DEFAULT_CHUNKS,
    /** Resolves when a chunk may run: not in the middle of a slider drag over the open photo (FramePriority.quiet). */
    private readonly quiet: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Runs batch `req` on `model` (null: not loaded, and it fails) to its 'batch-done', 'batch-error' or abort. */
  async run(model: GanModel | null, req: BatchRequest): Promise<void> {
    const job = { ctrl: new AbortController(), reason: 'The batch was cancelled.' };
    const { signal } = job.ctrl;
    this.running.set(req.id, job);
    const total = req.inputs.length;
    try {
      if (!model) throw new EngineError('not-loaded', 'The model is not loaded yet.');
      checkBatch(model, req.inputs, req.size, req.read);
      const gradientOf = req.gradientOf ?? [];
      checkGradientOf(model, gradientOf);
      let chunk = 1; // the first chunk is one face: an early progress report, and a first measure of its cost
      for (let done = 0; done < total;) {
        // Requests that came in during the last chunk (a slider's frame, a cancel) go first, and a drag's next ones.
        await nextTask();
        await this.quiet();
        if (signal.aborted) throw new EngineError('aborted', job.reason);
        const part = req.inputs.slice(done, done + chunk);
        const start = performance.now();
        const out = await this.inQueue(async () =>
          signal.aborted
            ? null
            : {
                ...(await renderBatch(model, part, req.size, req.read)),
                gradients: await readingGradients(model, part, gradientOf),
              },
        );
        const perFace = (performance.now() - start) / part.length;
        chunk = Math.max(1, Math.min(this.chunks.maxChunk, Math.floor(this.chunks.chunkMs / perFace)));
        if (!out || signal.aborted) throw new EngineError('aborted', job.reason);
        const bitmaps = await this.bitmaps(out);
        if (signal.aborted) {
          for (const b of bitmaps) b.close();
          throw new EngineError('aborted', job.reason);
        }
        done += part.length;
        const { readings, gradients } = out;
        this.emit({ type: 'batch-chunk', id: req.id, done, total, bitmaps, readings, gradients }, bitmaps);
      }
      this.emit({ type: 'batch-done', id: req.id });
    } catch (e) {
      this.emit({ type: 'batch-error', id: req.id, ...batchError(e) });
    } finally {
      this.running.delete(req.id);
    }
  }

  /** Stops batch `id` before its next chunk (its answer: 'batch-error', code 'aborted'). */
  cancel(id: number, reason = 'The batch was cancelled.'): void {
    const job = this.running.get(id);
    if (!job) return;
    job.reason = reason;
    job.ctrl.abort();
  }

  /** Stops every batch (a model being replaced). */
  cancelAll(reason: string): void {
    for (const id of this.running.keys()) this.cancel(id, reason);
  }

  private async bitmaps(out: BatchFrames): Promise<ImageBitmap[]> {
    const made = await Promise.allSettled(out.frames.map(this.toBitmap));
    const bitmaps = made.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
    const failed = made.find((m) => m.status === 'rejected');
    if (!failed) return bitmaps;
    for (const b of bitmaps) b.close();
    throw failed.reason;
  }
}

/** A batch's failure in the engine's words: its own codes as they are, anything else as a failed render. */
function batchError(e: unknown): { code: EngineErrorCode | BatchErrorCode; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof EngineError && e.code !== 'no-face' && e.code !== 'photo-failed') return { code: e.code, message };
  return { code: 'render-failed', message };
}
