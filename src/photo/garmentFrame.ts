// A picture of a garment -> the model's framing, the way Fashion-MNIST was made from product photos: the background
// read from the picture's border, the garment found where the picture differs from it, its box scaled so the longer
// side is `content` px, centred in `resolution` px, grey, and negated when the background was light (a product photo
// is a dark or coloured garment on white; the model knows light garments on black). Pure: RGBA in, numbers out.
import type { Box } from './pasteBack';

/** RGBA pixels, row by row (an ImageData's shape). */
export interface RgbaPixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** The manifest's framing at the model's resolution: the garment's longer side, and the margin around the frame. */
export interface GarmentFraming {
  resolution: number;
  content: number;
  pad: number;
}

export type GarmentFrame =
  | {
      ok: true;
      /** [resolution * resolution] in [0, 1]: 0 is the background, 1 the strongest possible difference from it. */
      pixels: Float32Array;
      /** The garment's box, in the input's pixels. */
      box: Box;
      /** True when the background was light, so the picture was negated. */
      inverted: boolean;
      /** The background's grey level, 0-255. */
      background: number;
    }
  | { ok: false; reason: 'no-object' | 'fills-picture' | 'busy-border'; message: string };

/** Differences (0-255, largest over R, G, B) below this are background: JPEG noise and a light shadow stay under it. */
export const MIN_THRESHOLD = 40;
/** A part of the garment smaller than this share of its largest part is a speck, not garment. */
const SPECK = 0.02;
/** How far faint edges may grow the garment's box, as a share of its longer side. */
const GROW = 0.08;
/** The garment must cover at least this share of the picture. */
const MIN_SHARE = 0.002;

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

/** The border ring's pixel indices (2% of the shorter side, at least one pixel). */
function borderIndices(width: number, height: number): number[] {
  const ring = Math.max(1, Math.round(0.02 * Math.min(width, height)));
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (edgeRow || x < ring || x >= width - ring) out.push(y * width + x);
    }
  }
  return out;
}

/** Labels 8-connected regions of `mask`; returns each region's area and box. */
function regions(mask: Uint8Array, width: number, height: number): { area: number; box: Box }[] {
  const label = new Int32Array(width * height).fill(-1);
  const found: { area: number; box: Box }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start] !== -1) continue;
    const id = found.length;
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    let area = 0;
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      area++;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      if (y >= y1) y1 = y + 1;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const j = ny * width + nx;
          if (mask[j] && label[j] === -1) {
            label[j] = id;
            stack.push(j);
          }
        }
      }
    }
    found.push({ area, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
  }
  return found;
}

/** Summed-area table of `grey` ([(w + 1) * (h + 1)]), so any box's mean, fractional edges included, costs 4 reads. */
function integral(grey: Float32Array, width: number, height: number): Float64Array {
  const s = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += grey[y * width + x] as number;
      s[(y + 1) * (width + 1) + x + 1] = (s[y * (width + 1) + x + 1] as number) + row;
    }
  }
  return s;
}

/** The table at a fractional point: bilinear, which is exact for the integral of pixels that are constant squares. */
function sumTo(s: Float64Array, width: number, x: number, y: number): number {
  const [ix, iy] = [Math.min(Math.floor(x), width - 1), Math.floor(y)];
  const [fx, fy] = [x - ix, y - iy];
  const at = (cx: number, cy: number) => (s[cy * (width + 1) + cx] as number) || 0;
  const top = at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx;
  const bottom = at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx;
  return fy === 0 ? top : top * (1 - fy) + bottom * fy;
}

type Edges = { x0: number; y0: number; x1: number; y1: number };

/**
 * The box grown by the faint edges beside it (lines holding a pixel above `faint`), at most GROW of its longer side
 * on each side: a garment's edge fades out below the threshold, and Fashion-MNIST's boxes include those pixels.
 */
function grow(diff: Float32Array, width: number, height: number, faint: number, box: Edges): Edges {
  const limit = Math.max(1, Math.round(GROW * Math.max(box.x1 - box.x0, box.y1 - box.y0)));
  const b = { ...box };
  const rowHas = (y: number) =>
    y >= 0 && y < height && diff.subarray(y * width + b.x0, y * width + b.x1).some((d) => d > faint);
  const colHas = (x: number) => {
    if (x < 0 || x >= width) return false;
    for (let y = b.y0; y < b.y1; y++) if ((diff[y * width + x] as number) > faint) return true;
    return false;
  };
  for (let k = 0; k < limit && rowHas(b.y0 - 1); k++) b.y0--;
  for (let k = 0; k < limit && rowHas(b.y1); k++) b.y1++;
  for (let k = 0; k < limit && colHas(b.x0 - 1); k++) b.x0--;
  for (let k = 0; k < limit && colHas(b.x1); k++) b.x1++;
  return b;
}

/** Frames the garment in `image` (see the file's comment), or says why there is no garment to frame. */
export function frameGarment(image: RgbaPixels, framing: GarmentFraming): GarmentFrame {
  const { data, width, height } = image;
  const n = width * height;
  const border = borderIndices(width, height);
  const bg = [0, 1, 2].map((c) => median(border.map((i) => data[4 * i + c] as number)));
  const [br, bgc, bb] = bg as [number, number, number];
  const diff = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [data[4 * i] as number, data[4 * i + 1] as number, data[4 * i + 2] as number];
    diff[i] = Math.max(Math.abs(r - br), Math.abs(g - bgc), Math.abs(b - bb));
  }
  // Noise from the border's own spread (median absolute deviation), never below MIN_THRESHOLD.
  const borderDiffs = border.map((i) => diff[i] as number);
  const middle = median(borderDiffs);
  const spread = median(borderDiffs.map((d) => Math.abs(d - middle)));
  const threshold = Math.max(MIN_THRESHOLD, middle + 6 * 1.4826 * spread);
  // A border this varied (or mostly unlike its own median) is a scene, not a backdrop.
  const busy = threshold > 2.5 * MIN_THRESHOLD || borderDiffs.filter((d) => d > threshold).length > 0.4 * border.length;
  if (busy) {
    return {
      ok: false,
      reason: 'busy-border',
      message: 'The edges of this picture are not one plain background, so no garment stands out from it.',
    };
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = (diff[i] as number) > threshold ? 1 : 0;
  const parts = regions(mask, width, height);
  const largest = Math.max(0, ...parts.map((p) => p.area));
  if (largest < Math.max(16, MIN_SHARE * n)) {
    return {
      ok: false,
      reason: 'no-object',
      message: 'No garment was found: the picture is one plain colour, with nothing standing out from its background.',
    };
  }
  const kept = parts.filter((p) => p.area >= SPECK * largest);
  const { x0, y0, x1, y1 } = grow(diff, width, height, threshold / 4, {
    x0: Math.min(...kept.map((p) => p.box.x)),
    y0: Math.min(...kept.map((p) => p.box.y)),
    x1: Math.max(...kept.map((p) => p.box.x + p.box.width)),
    y1: Math.max(...kept.map((p) => p.box.y + p.box.height)),
  });
  const box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  if (x0 === 0 && y0 === 0 && x1 === width && y1 === height) {
    return {
      ok: false,
      reason: 'fills-picture',
      message: 'The garment touches every edge of the picture: leave some plain background around it.',
    };
  }

  // Grey, as a difference from the background's grey, negated when the background is light; soft below the threshold
  // so shadows and noise fade to black without a hard edge.
  const background = luma(br, bgc, bb);
  const inverted = background > 127;
  const range = inverted ? Math.max(1, background) : Math.max(1, 255 - background);
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const l = luma(data[4 * i] as number, data[4 * i + 1] as number, data[4 * i + 2] as number);
    const v = (inverted ? background - l : l - background) / range;
    const soft = Math.min(1, Math.max(0, ((diff[i] as number) - threshold / 8) / (threshold / 8)));
    grey[i] = Math.min(1, Math.max(0, v)) * soft;
  }

  // Each output pixel is the mean of its footprint in the picture, the part outside the garment's box counting as
  // background.
  const { resolution: res, content, pad } = framing;
  const s = content / Math.max(box.width, box.height);
  // Whole-pixel offsets, halves rounded up, as Fashion-MNIST's images sit: a garment drawn at its native size comes
  // back pixel for pixel.
  const ox = pad + Math.round((content - box.width * s) / 2);
  const oy = pad + Math.round((content - box.height * s) / 2);
  const table = integral(grey, width, height);
  const pixels = new Float32Array(res * res);
  for (let j = 0; j < res; j++) {
    const fy0 = Math.max(y0, y0 + (j - oy) / s);
    const fy1 = Math.min(y1, y0 + (j + 1 - oy) / s);
    if (fy1 <= fy0) continue;
    for (let i = 0; i < res; i++) {
      const fx0 = Math.max(x0, x0 + (i - ox) / s);
      const fx1 = Math.min(x1, x0 + (i + 1 - ox) / s);
      if (fx1 <= fx0) continue;
      const sum =
        sumTo(table, width, fx1, fy1) -
        sumTo(table, width, fx0, fy1) -
        sumTo(table, width, fx1, fy0) +
        sumTo(table, width, fx0, fy0);
      pixels[j * res + i] = sum * s * s;
    }
  }
  return { ok: true, pixels, box, inverted, background };
}
