/**
 * Holds a loop between its steps, for stepping through photo inversion: paused, the loop waits until resume(), or
 * runs one step per advance(). Owns nothing but waiting callbacks.
 */
export class StepGate {
  private paused = false;
  private credits = 0;
  private waiters = new Set<() => void>();

  /** `before`: what each step waits for first, e.g. live frames to rest (FramePriority.quiet). */
  constructor(private readonly before: (signal?: AbortSignal) => Promise<void> = async () => {}) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** Whether a loop is waiting here now (paused, with no step let through). */
  get holding(): boolean {
    return this.waiters.size > 0;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.credits = 0;
    this.wake();
  }

  /** While paused, lets exactly one more step through; ignored while running. */
  advance(): void {
    if (!this.paused) return;
    this.credits++;
    this.wake();
  }

  /**
   * Resolves when the next step may run (`before` first): 'run' while not paused, 'single' for a step let through by
   * advance() (the loop reports it), 'aborted' once `signal` aborts (which also ends a wait).
   */
  async next(signal?: AbortSignal): Promise<'run' | 'single' | 'aborted'> {
    await this.before(signal);
    for (;;) {
      if (signal?.aborted) return 'aborted';
      if (!this.paused) return 'run';
      if (this.credits > 0) {
        this.credits--;
        return 'single';
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        this.waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  private wake(): void {
    for (const done of [...this.waiters]) done();
  }
}
