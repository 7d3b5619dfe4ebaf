// Scheduling on the worker, in one place. The worker has one thread, and three kinds of work share it:
// - requests, run one at a time in the order they came (`SerialQueue`): a load, a frame, a memory probe, an export.
//   A frame never interleaves with another frame, and a memory probe never sees a half-made frame's tensors;
// - live frames (a slider dragged, playback) go before background work (`FramePriority`): refinement steps, slider
//   cache passes and batch chunks each wait for `quiet()` before they start, so a drag is not held up by them;
// - long loops yield between their steps (`nextTask`), so messages that came in meanwhile (a cancel, a newer photo,
//   the next frame request) are read first.
// StepGate (stepGate.ts) holds refinement between steps for the step-through view, on top of this.
import type { FrameInput } from '../protocol';
import { movedSlider } from '../photo/sliderCache';

/**
 * Live frames go before refinement steps. While a person drags a slider, frames come back to back; a refinement step
 * (tens of ms on WASM) started between two of them would hold the next one up by as much. So refinement waits while a
 * frame is being made and for a while after one ends: `quietMs` after a lone frame (a refinement report, one key
 * press), `dragMs` once frames follow each other (a drag: the next value arrives within a frame's round trip through
 * the page, which on a busy machine can take longer than a lone frame's pause), and runs on once the sliders rest.
 * A frame one slider away from the last (same latent, one attribute changed) is a drag's from its first: the page's
 * next value may be late (its main thread is busiest as a drag starts), and a step started meanwhile would hold it up.
 * Owns nothing but a counter, two times and the last frame's input.
 */
export class FramePriority {
  private running = 0;
  private lastEnd = -Infinity;
  private dragging = false;
  private lastInput: FrameInput | null = null;
  /** Between a slider's press and its release (dragStarts, dragEnds). */
  private pressed = false;
  /** Whether a frame request is posted and not read yet (the worker's Inbound); never, until watch() is called. */
  private pending: () => boolean = () => false;

  constructor(
    private readonly quietMs = 40,
    private readonly dragMs = 250,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs one frame's `work` (the frame of `input`, when given), marking frames busy until it settles. */
  async run<T>(work: () => Promise<T>, input?: FrameInput): Promise<T> {
    const moved = input && this.lastInput ? movedSlider(this.lastInput, input) >= 0 : false;
    this.lastInput = input ?? null;
    this.dragging = moved || this.now() - this.lastEnd < this.dragMs;
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.lastEnd = this.now();
    }
  }

  /**
   * A drag starts (a slider is pressed): background work waits from now as if a drag's frame had just ended, so a
   * refinement step does not start between the press and the drag's first value.
   */
  dragStarts(): void {
    this.dragging = true;
    this.pressed = true;
    this.lastEnd = Math.max(this.lastEnd, this.now());
  }

  /** The slider is released: its frames rest from here (background work runs once the drag's pause is over). */
  dragEnds(): void {
    this.pressed = false;
  }

  /**
   * For background work that must not starve (batch chunks): as quiet(), but a stream of frames with no slider
   * pressed (playback, which never rests) is waited on for at most `patienceMs` at a time; a drag, until it ends.
   */
  async patient(patienceMs: number): Promise<void> {
    for (;;) {
      const timeout = AbortSignal.timeout(patienceMs);
      await this.quiet(timeout);
      if (!timeout.aborted || !this.pressed) return;
    }
  }

  /** Counts frame requests on their way (posted by the page, not read yet) as frames being made. */
  watch(pending: () => boolean): void {
    this.pending = pending;
  }

  /** Whether a frame is being made now, or a request for one is on its way. */
  get busy(): boolean {
    return this.running > 0 || this.pending();
  }

  /** Resolves once no frame is being made and none ended just now (see above), or at once when `signal` aborts. */
  async quiet(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const rest = this.dragging ? this.dragMs : this.quietMs;
      // A request on its way is read as soon as this worker's thread is free: look again in a moment.
      const wait = this.running > 0 ? rest : this.pending() ? 1 : this.lastEnd + rest - this.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }
}

/** Runs `work` in the queue's order, with its result or error going to the caller (`SerialQueue.run`). */
export type RunInQueue = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * The worker's requests, one at a time in the order they came. A photo job runs beside the queue: refinement yields
 * between steps, so frames (the live reconstruction, slider moves) still get through, and a cancel or a newer photo
 * takes effect at once. Owns nothing but the promise of the last request.
 */
export class SerialQueue {
  private last: Promise<void> = Promise.resolve();

  /** Queues a request's `work`; its failure goes to `fail` (each request reports its own, never silencing later ones). */
  post(work: () => Promise<void>, fail: (e: unknown) => void): void {
    this.last = this.last.then(work).catch(fail);
  }

  /** Queues `work` and hands its result or error to the caller. */
  readonly run: RunInQueue = <T>(work: () => Promise<T>): Promise<T> => {
    const result = this.last.then(work);
    this.last = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}

/**
 * Resolves on the next task, so messages queued for this worker (cancel, a newer photo, a frame request) run first.
 * A MessageChannel round trip, not setTimeout(0): browsers clamp nested timers to >= 4 ms, which refinement would pay
 * at every step (bench/results/choices.md).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
