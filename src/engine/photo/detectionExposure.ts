// A tone curve for face detection only: a dark, foggy or backlit photo is stretched and its shadows lifted so the
// detector sees a face it missed. The photo itself is never changed. Pure maths on RGBA bytes, no tensors.

/** How far the curve may go, and when a photo needs one. Targets are luminance in [0, 1]. */
export interface ExposureOptions {
  /** The share of pixels left out at each end when stretching: a few specks of black or white set no range. */
  clip: number;
  /** The most the range is stretched: a flat wall stretched further is mostly noise, where detectors see faces. */
  maxGain: number;
  /** Where the median lands after the curve, at least (dark photos). */
  median: number;
  /** Where the darkest quarter's top lands, at least (backlit photos: a dark face against a bright sky). */
  shadows: number;
  /** The strongest lift: gamma no lower than this. */
  minGamma: number;
  /** The curve is worth a look only when it moves some level the photo holds this much (of 255). */
  minChange: number;
}

export const DEFAULT_EXPOSURE: ExposureOptions = {
  clip: 0.005,
  maxGain: 8,
  median: 0.4,
  shadows: 0.3,
  minGamma: 1 / 3,
  minChange: 24,
};

/** The luminance histogram of RGBA bytes (256 bins, Rec. 601 weights). */
export function luminanceHistogram(rgba: ArrayLike<number>): Float64Array {
  const h = new Float64Array(256);
  for (let i = 0; i + 2 < rgba.length; i += 4) {
    const y = 0.299 * (rgba[i] as number) + 0.587 * (rgba[i + 1] as number) + 0.114 * (rgba[i + 2] as number);
    const bin = Math.round(y);
    h[bin] = (h[bin] as number) + 1;
  }
  return h;
}

/** The level below which `share` of the histogram's pixels lie. */
export function percentile(hist: Float64Array, share: number): number {
  const total = hist.reduce((s, n) => s + n, 0);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] as number;
    if (seen >= share * total && seen > 0) return v;
  }
  return 255;
}

/**
 * The curve (256 levels -> levels) for a photo with luminance histogram `hist`: its [clip, 1 - clip] range stretched
 * to [0, 255] (by at most `maxGain`), then a gamma that brings the median and the darkest quarter up to `median` and
 * `shadows`. Null when the photo needs none: no level it holds would move by `minChange`.
 */
export function exposureCurve(hist: Float64Array, o: ExposureOptions = DEFAULT_EXPOSURE): Uint8Array | null {
  let lo = percentile(hist, o.clip);
  let hi = percentile(hist, 1 - o.clip);
  const minRange = 255 / o.maxGain;
  if (hi - lo < minRange) {
    // Widened about its middle: a flat grey wall stays mid-grey rather than reading as dark.
    lo = Math.min(255 - minRange, Math.max(0, (lo + hi - minRange) / 2));
    hi = lo + minRange;
  }
  const stretch = (v: number) => Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  // x^g = target at x: g = log(target) / log(x); only lifts (g <= 1), never darkens.
  const gammaFor = (level: number, target: number) => {
    const x = stretch(level);
    return x >= target ? 1 : x <= 0 ? o.minGamma : Math.log(target) / Math.log(x);
  };
  const gamma = Math.max(
    o.minGamma,
    Math.min(gammaFor(percentile(hist, 0.5), o.median), gammaFor(percentile(hist, 0.25), o.shadows)),
  );
  const curve = new Uint8Array(256);
  let change = 0;
  for (let v = 0; v < 256; v++) {
    curve[v] = Math.round(255 * stretch(v) ** gamma);
    if ((hist[v] as number) > 0) change = Math.max(change, Math.abs((curve[v] as number) - v));
  }
  return change >= o.minChange ? curve : null;
}

/** `rgba` with each colour channel through `curve` (the same for all three, so hues roughly keep); alpha kept. */
export function applyCurve(rgba: ArrayLike<number>, curve: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    out[i] = curve[rgba[i] as number] as number;
    out[i + 1] = curve[rgba[i + 1] as number] as number;
    out[i + 2] = curve[rgba[i + 2] as number] as number;
    out[i + 3] = rgba[i + 3] as number;
  }
  return out;
}
