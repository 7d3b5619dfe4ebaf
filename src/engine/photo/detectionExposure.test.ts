import { describe, expect, it } from 'vitest';
import { applyCurve, DEFAULT_EXPOSURE, exposureCurve, luminanceHistogram, percentile } from './detectionExposure';

/** RGBA bytes of grey pixels at these levels. */
const grey = (levels: number[]) => Uint8ClampedArray.from(levels.flatMap((v) => [v, v, v, 255]));
/** `n` grey levels spread evenly over [lo, hi]. */
const ramp = (lo: number, hi: number, n = 1000) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const curveOf = (levels: number[]) => exposureCurve(luminanceHistogram(grey(levels)));

describe('luminance statistics', () => {
  it('counts each pixel once, by its luminance', () => {
    const h = luminanceHistogram(Uint8ClampedArray.from([255, 0, 0, 255, 0, 0, 255, 255, 90, 90, 90, 0]));
    expect(h.reduce((s, n) => s + n, 0)).toBe(3);
    expect([h[76], h[29], h[90]]).toEqual([1, 1, 1]); // Rec. 601: red 0.299, blue 0.114
  });

  it('reads percentiles off the histogram', () => {
    const h = luminanceHistogram(grey(ramp(0, 99, 100)));
    expect(percentile(h, 0.5)).toBe(49);
    expect(percentile(h, 0.01)).toBe(0);
    expect(percentile(h, 1)).toBe(99);
  });
});

describe('exposureCurve', () => {
  it('leaves a well exposed photo alone', () => {
    expect(curveOf(ramp(0, 255))).toBeNull();
    expect(curveOf([...ramp(60, 255, 800), ...ramp(0, 60, 200)])).toBeNull();
  });

  it('brings a photo at a sixth of its brightness back to most of the range, its median at least mid-grey', () => {
    const curve = curveOf(ramp(0, 42)) as Uint8Array;
    expect(curve).not.toBeNull();
    expect(curve[42]).toBe(255);
    expect(curve[21]).toBeGreaterThanOrEqual(DEFAULT_EXPOSURE.median * 255);
    for (let v = 1; v < 256; v++) expect(curve[v]).toBeGreaterThanOrEqual(curve[v - 1] as number); // never inverts
  });

  it('lifts the shadows of a backlit photo: a dark quarter against a bright sky', () => {
    const curve = curveOf([...ramp(0, 40, 250), ...ramp(230, 250, 750)]) as Uint8Array;
    expect(curve).not.toBeNull();
    expect(curve[40]).toBeGreaterThanOrEqual(DEFAULT_EXPOSURE.shadows * 255 - 1);
    expect(curve[240]).toBeGreaterThan(240); // the sky stays bright
  });

  it('stretches a flat grey wall at most maxGain times: noise stretched further looks like faces', () => {
    const curve = curveOf(ramp(124, 132)) as Uint8Array;
    expect((curve[132] as number) - (curve[124] as number)).toBeLessThanOrEqual(8 * DEFAULT_EXPOSURE.maxGain + 1);
    expect(curve[128]).toBeCloseTo(128, -1); // still mid-grey, not read as dark and lifted
  });

  it('a few specks of black or white set no range', () => {
    const specks = [0, 0, 255, 255];
    expect(curveOf([...ramp(0, 42, 996), ...specks])).toEqual(curveOf(ramp(0, 42, 996)));
  });
});

describe('applyCurve', () => {
  it('maps each colour channel through the curve and keeps alpha', () => {
    const curve = Uint8Array.from({ length: 256 }, (_, v) => 255 - v);
    expect(Array.from(applyCurve(Uint8ClampedArray.from([0, 100, 255, 7]), curve))).toEqual([255, 155, 0, 7]);
  });
});
