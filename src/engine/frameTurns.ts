import type { FrameInput } from './protocol';
import { movedSlider } from './sliderSweeps';

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
export class FrameTurns {
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
