// Smoothing for live video: the One Euro filter (Casiez, Roussel and Vogel, CHI 2012) over a vector of numbers. A low
// cut-off while the values rest removes the detector's and the encoder's jitter (an unmoving face gives an unmoving
// edit); the cut-off rises with the speed of change, so a moving head is followed with little lag. Pure math.

export interface OneEuroOptions {
  /** Cut-off frequency (Hz) at rest: lower is steadier and lags more. */
  minCutoff: number;
  /** How fast the cut-off rises with speed (per unit of the values' speed, per second). */
  beta: number;
  /** Cut-off frequency (Hz) of the speed estimate itself. */
  derivativeCutoff: number;
}

const alphaOf = (cutoff: number, dt: number) => 1 / (1 + 1 / (2 * Math.PI * cutoff * dt));

/**
 * One filter for a vector whose parts move together (a similarity transform, a latent code): one speed, the norm of
 * the vector's rate of change divided by its length's square root, drives one cut-off for every part.
 */
export class OneEuroFilter {
  private value: Float64Array | null = null;
  private speed = 0;
  private last = 0;

  constructor(private readonly options: OneEuroOptions) {}

  /** The filtered value of `x` seen at `seconds`; the first call (or one after reset()) passes `x` through. */
  filter(x: ArrayLike<number>, seconds: number): Float64Array {
    const prev = this.value;
    if (!prev || prev.length !== x.length || seconds <= this.last) {
      this.value = Float64Array.from(x);
      this.speed = 0;
      this.last = seconds;
      return Float64Array.from(this.value);
    }
    const dt = seconds - this.last;
    this.last = seconds;
    let sq = 0;
    for (let i = 0; i < x.length; i++) sq += ((x[i]! - prev[i]!) / dt) ** 2;
    const rawSpeed = Math.sqrt(sq / x.length);
    this.speed += alphaOf(this.options.derivativeCutoff, dt) * (rawSpeed - this.speed);
    const a = alphaOf(this.options.minCutoff + this.options.beta * this.speed, dt);
    for (let i = 0; i < x.length; i++) prev[i] = prev[i]! + a * (x[i]! - prev[i]!);
    return Float64Array.from(prev);
  }

  /** Forgets the past: the next value passes through (a face found again after it was lost). */
  reset(): void {
    this.value = null;
    this.speed = 0;
  }
}
