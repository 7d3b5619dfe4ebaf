import { describe, expect, it } from 'vitest';
import { frameGarment, type RgbaPixels } from './garmentFrame';

const FRAMING = { resolution: 32, content: 28, pad: 2 };

/** A width x height picture of `background`, with `paint` deciding each pixel's colour (null: background). */
function picture(
  width: number,
  height: number,
  background: [number, number, number],
  paint: (x: number, y: number) => [number, number, number] | null = () => null,
): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y) ?? background;
      data.set([r, g, b, 255], 4 * (y * width + x));
    }
  }
  return { data, width, height };
}

/** A seeded generator in [0, 1), for noise that is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** The box of the framed picture's pixels brighter than `level`. */
function litBox(pixels: Float32Array, res: number, level = 0.05) {
  let [x0, y0, x1, y1] = [res, res, 0, 0];
  for (let y = 0; y < res; y++)
    for (let x = 0; x < res; x++)
      if ((pixels[y * res + x] as number) > level)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
  return { x0, y0, x1, y1 };
}

const inRect = (x: number, y: number, rx: number, ry: number, rw: number, rh: number) =>
  x >= rx && x < rx + rw && y >= ry && y < ry + rh;

describe('frameGarment', () => {
  it('finds a dark garment on white, scales its longer side to 28 px, centres it and negates it', () => {
    // 60 x 120 dark-blue garment, off-centre in a 300 x 400 white picture.
    const image = picture(300, 400, [255, 255, 255], (x, y) => (inRect(x, y, 40, 230, 60, 120) ? [30, 40, 90] : null));
    const framed = frameGarment(image, FRAMING);
    if (!framed.ok) throw new Error(framed.message);
    expect(framed.box).toEqual({ x: 40, y: 230, width: 60, height: 120 });
    expect(framed.inverted).toBe(true);
    // 120 px tall -> 28 px (rows 2..30), 60 px wide -> 14 px, centred (columns 9..23).
    expect(litBox(framed.pixels, 32)).toEqual({ x0: 9, y0: 2, x1: 23, y1: 30 });
    // Light garment (the dark colour negated) on an exactly black background.
    expect(framed.pixels[16 * 32 + 16]).toBeCloseTo(1 - (0.299 * 30 + 0.587 * 40 + 0.114 * 90) / 255, 3);
    expect(framed.pixels[0]).toBe(0);
    expect(framed.pixels[16 * 32 + 5]).toBe(0);
  });

  it('keeps a light garment on black as it is, and centres a wide one vertically', () => {
    const image = picture(200, 150, [0, 0, 0], (x, y) => (inRect(x, y, 100, 20, 80, 40) ? [200, 200, 200] : null));
    const framed = frameGarment(image, FRAMING);
    if (!framed.ok) throw new Error(framed.message);
    expect(framed.inverted).toBe(false);
    expect(framed.box).toEqual({ x: 100, y: 20, width: 80, height: 40 });
    expect(litBox(framed.pixels, 32)).toEqual({ x0: 2, y0: 9, x1: 30, y1: 23 });
    expect(framed.pixels[16 * 32 + 16]).toBeCloseTo(200 / 255, 3);
  });

  it('ignores JPEG-like noise and a light shadow beside the garment', () => {
    const noise = seeded(7);
    const image = picture(240, 240, [250, 250, 250], (x, y) => {
      if (inRect(x, y, 80, 60, 70, 100)) return [90, 20, 20];
      // A soft shadow to the right and below, 25 levels darker than the background.
      if (inRect(x, y, 150, 70, 12, 100) || inRect(x, y, 90, 160, 70, 10)) return [225, 225, 225];
      const v = 250 + Math.round((noise() - 0.5) * 16);
      return [v, v, v];
    });
    const framed = frameGarment(image, FRAMING);
    if (!framed.ok) throw new Error(framed.message);
    // The shadow is above the faint level, so it may widen the box by at most 8% of the longer side (8 px).
    expect(framed.box).toMatchObject({ x: 80, y: 60 });
    expect(framed.box.width).toBeLessThanOrEqual(78);
    expect(framed.box.height).toBeLessThanOrEqual(108);
    expect(framed.inverted).toBe(true);
  });

  it('frames a garment in several parts (a pair of sandals) by the box around all of them', () => {
    const image = picture(300, 200, [255, 255, 255], (x, y) =>
      inRect(x, y, 50, 80, 80, 30) || inRect(x, y, 160, 90, 80, 30) ? [0, 0, 0] : null,
    );
    const framed = frameGarment(image, FRAMING);
    if (!framed.ok) throw new Error(framed.message);
    expect(framed.box).toEqual({ x: 50, y: 80, width: 190, height: 40 });
  });

  it('says so when there is no garment: a plain picture, or one with only specks of noise', () => {
    const plain = frameGarment(picture(100, 80, [240, 240, 240]), FRAMING);
    expect(plain.ok).toBe(false);
    if (!plain.ok) expect(plain.reason).toBe('no-object');
    const specks = frameGarment(
      picture(100, 100, [255, 255, 255], (x, y) => ((x * 7 + y * 13) % 97 === 0 ? [0, 0, 0] : null)),
      FRAMING,
    );
    expect(specks.ok).toBe(false);
    if (!specks.ok) expect(specks.message).toMatch(/No garment/);
  });

  it('refuses a garment that touches every edge, and a picture whose edges are not a plain background', () => {
    const cross = frameGarment(
      picture(120, 120, [255, 255, 255], (x, y) =>
        Math.abs(x - 60) < 6 || Math.abs(y - 60) < 6 ? [20, 20, 20] : null,
      ),
      FRAMING,
    );
    expect(cross.ok).toBe(false);
    if (!cross.ok) expect(cross.reason).toBe('fills-picture');
    const stripes = frameGarment(
      picture(120, 120, [255, 255, 255], (x) => (Math.floor(x / 10) % 2 === 0 ? [0, 0, 0] : null)),
      FRAMING,
    );
    expect(stripes.ok).toBe(false);
    if (!stripes.ok) expect(stripes.message).toMatch(/plain background/);
  });
});
