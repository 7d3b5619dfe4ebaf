// Frame requests on their way to the worker, seen from the worker at once. A message from the page reaches the worker
// only once the worker's thread takes it, and on a busy machine a slider's press or value can wait there for tens of
// milliseconds while a refinement step that started in between runs (bench/results/choices.md). Where the page is
// cross-origin isolated, the page counts what it posts in memory both threads share (SharedArrayBuffer) and the
// worker counts what it has read: background work does not start while the two differ.
import type { EngineRequest } from './protocol';

/** The requests that background work gives way to: a live frame, a slider's press. */
type Counted = Extract<EngineRequest, { type: 'render' } | { type: 'drag-start' }>;

const counted = (request: EngineRequest): request is Counted =>
  request.type === 'render' || request.type === 'drag-start';

/** [0]: the sequence number of the last counted request posted; [1]: of the last one the worker has read. */
export class Inbound {
  private readonly seq: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.seq = new Int32Array(buffer);
  }

  /** The page's side; null where SharedArrayBuffer is unavailable (the page is not cross-origin isolated). */
  static create(): Inbound | null {
    const isolated = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
    return isolated ? new Inbound(new SharedArrayBuffer(8)) : null;
  }

  /** Page: numbers a counted request as it is posted (others go as they are). */
  stamp(request: EngineRequest): EngineRequest {
    return counted(request) ? { ...request, seq: Atomics.add(this.seq, 0, 1) + 1 } : request;
  }

  /** Worker: a request has been read (requests arrive in order, so the last one read says how far it has read). */
  read(request: EngineRequest): void {
    if (counted(request) && request.seq !== undefined) Atomics.store(this.seq, 1, request.seq);
  }

  /** Worker: whether a counted request is posted and not read yet. */
  get waiting(): boolean {
    return Atomics.load(this.seq, 0) !== Atomics.load(this.seq, 1);
  }
}
