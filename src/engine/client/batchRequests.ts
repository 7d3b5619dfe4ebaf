// The page's side of batches: each one's request, the chunks gathered as they come, progress, cancellation.
import { EngineError, unhandled, type BatchEvent, type EngineRequest, type FrameInput } from '../protocol';

export interface BatchOptions {
  /** Frame side in pixels; 0: no frames (readings only). */
  size: number;
  /** Also read each generated face with the model's attribute encoder E_y. */
  read?: boolean;
  /** Also each input's gradient of these attributes' E_y readings with respect to [z; y] (manifest indices). */
  gradientOf?: number[];
  /** Called after each chunk: `done` of `total` inputs finished. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the batch at once with EngineError code 'aborted', and stops the engine's work on it. */
  signal?: AbortSignal;
}

export interface BatchResult {
  /** One per input, `size` px square, in input order; the caller owns (and closes) them. Empty when size is 0. */
  bitmaps: ImageBitmap[];
  /** With `read`, one per input: [attributes.length], manifest order, in the sliders' scale. Else empty. */
  readings: Float32Array[];
  /** With `gradientOf`, one per input: each asked attribute's d reading / d [z; y] in turn. Else empty. */
  gradients: Float32Array[];
}

interface Pending extends BatchResult {
  onProgress: BatchOptions['onProgress'];
  resolve: (result: BatchResult) => void;
  reject: (e: Error) => void;
  /** Removes the abort listener. */
  release: () => void;
}

const closeAll = (bitmaps: ImageBitmap[]) => bitmaps.forEach((b) => b.close());

/** The batches in flight, keyed by their request id; events for any other id are dropped (bitmaps closed). */
export class BatchRequests {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(private readonly post: (request: EngineRequest, transfer: Transferable[]) => void) {}

  start(inputs: readonly FrameInput[], options: BatchOptions): Promise<BatchResult> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(aborted());
    if (inputs.length === 0) return Promise.resolve({ bitmaps: [], readings: [], gradients: [] });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.fail(id, aborted());
        this.post({ type: 'batch-cancel', id }, []);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const release = () => signal?.removeEventListener('abort', onAbort);
      const { onProgress } = options;
      this.pending.set(id, { bitmaps: [], readings: [], gradients: [], onProgress, resolve, reject, release });
      // Copies, so the caller's arrays stay usable; transferred, since a big batch holds a few MB of inputs.
      const copies = inputs.map((i) => ({ latent: i.latent.slice(), attributes: i.attributes.slice() }));
      const transfer = copies.flatMap((c) => [c.latent.buffer, c.attributes.buffer]);
      const { size, read = false, gradientOf } = options;
      this.post({ type: 'batch', id, inputs: copies, size, read, ...(gradientOf && { gradientOf }) }, transfer);
    });
  }

  handle(event: BatchEvent): void {
    switch (event.type) {
      case 'batch-chunk': {
        const batch = this.pending.get(event.id);
        if (!batch) return closeAll(event.bitmaps);
        batch.bitmaps.push(...event.bitmaps);
        batch.readings.push(...event.readings);
        batch.gradients.push(...(event.gradients ?? []));
        try {
          batch.onProgress?.(event.done, event.total);
        } catch (e) {
          // The caller's callback failed: the batch fails with its error, and the engine stops working on it.
          this.fail(event.id, e instanceof Error ? e : new Error(String(e)));
          this.post({ type: 'batch-cancel', id: event.id }, []);
        }
        return;
      }
      case 'batch-done': {
        const batch = this.settle(event.id);
        batch?.resolve({ bitmaps: batch.bitmaps, readings: batch.readings, gradients: batch.gradients });
        return;
      }
      case 'batch-error':
        this.fail(event.id, new EngineError(event.code, event.message));
        return;
      default:
        unhandled(event);
    }
  }

  /** Rejects every batch with `error` (a crashed or disposed engine), closing what they had received. */
  failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.fail(id, error);
  }

  private fail(id: number, error: Error): void {
    const batch = this.settle(id);
    if (!batch) return;
    closeAll(batch.bitmaps);
    batch.reject(error);
  }

  /** Batch `id`, no longer pending (its abort listener removed); null when it is not pending. */
  private settle(id: number): Pending | null {
    const batch = this.pending.get(id);
    if (!batch) return null;
    this.pending.delete(id);
    batch.release();
    return batch;
  }
}

function aborted(): EngineError {
  return new EngineError('aborted', 'The batch was cancelled.');
}
