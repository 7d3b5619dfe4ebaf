// The person matte: where the photo shows the person (face, hair, neck, clothes) and where it shows the background,
// as a segmentation network saw a square around the face. Edits are confined to it, so that a generator that also
// lightens or darkens the background around the head (a halo) leaves the photo's background as it was. Pure math on
// plain numbers: the network runs in the worker (src/engine/photo/personSegmenter.ts).
import { apply, type Similarity } from './align';
import { invertSimilarity, smoothstep, type Box } from './pasteBack';

/** The network's probabilities on a square of the photo: `side` pixels from (x, y), `size` x `size` values. */
export interface PersonMatte {
  x: number;
  y: number;
  side: number;
  size: number;
  /** Row-major, in [0, 1]: 1 on the person. */
  values: Float32Array;
}

/** How much larger than the face region the segmented square is: a network for selfies wants the head and shoulders. */
export const SEGMENT_CONTEXT = 1.6;
/** Probabilities below LOW are background, above HIGH person; a smooth ramp between (the matte's feather). */
export const MATTE_LOW = 0.45;
export const MATTE_HIGH = 0.85;

/** The square (photo pixels) the network reads for a face region `box`: centred on it, SEGMENT_CONTEXT times its longer side. */
export function segmentSquare(box: Box): { x: number; y: number; side: number } {
  const side = SEGMENT_CONTEXT * Math.max(box.width, box.height);
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, side };
}

/** Network probabilities -> matte weights: 0 below MATTE_LOW, 1 above MATTE_HIGH, smooth between. */
export function shapeMatte(probabilities: Float32Array): Float32Array {
  const out = new Float32Array(probabilities.length);
  for (let i = 0; i < out.length; i++) out[i] = smoothstep((probabilities[i]! - MATTE_LOW) / (MATTE_HIGH - MATTE_LOW));
  return out;
}

/**
 * The matte on a patch's pixels: `box` of the photo drawn at width x height, the photo drawn `k` times the size the
 * matte was made at (a full-resolution decode). Bilinear between the matte's samples (its edge samples held to
 * the square's border), 0 outside its square.
 */
export function matteOnPatch(matte: PersonMatte, box: Box, width: number, height: number, k = 1): Float32Array {
  const out = new Float32Array(width * height);
  const { size, values } = matte;
  const per = size / (matte.side * k); // matte samples per photo pixel
  const sx = box.width / width;
  const sy = box.height / height;
  for (let y = 0; y < height; y++) {
    // Sample i covers [i, i + 1] of the square: its value sits at i + 0.5.
    const my = (box.y + (y + 0.5) * sy - matte.y * k) * per - 0.5;
    if (my < -0.5 || my > size - 0.5) continue;
    const cy = Math.min(size - 1, Math.max(0, my));
    const y0 = Math.min(size - 2, Math.floor(cy));
    const fy = cy - y0;
    for (let x = 0; x < width; x++) {
      const mx = (box.x + (x + 0.5) * sx - matte.x * k) * per - 0.5;
      if (mx < -0.5 || mx > size - 0.5) continue;
      const cx = Math.min(size - 1, Math.max(0, mx));
      const x0 = Math.min(size - 2, Math.floor(cx));
      const fx = cx - x0;
      const i = y0 * size + x0;
      const top = values[i]! + fx * (values[i + 1]! - values[i]!);
      const bottom = values[i + size]! + fx * (values[i + size + 1]! - values[i + size]!);
      out[y * width + x] = top + fy * (bottom - top);
    }
  }
  return out;
}

/** The matte on the aligned crop's pixels (size x size; `t` maps photo pixels to the crop), read at each pixel's centre. */
export function matteOnCrop(matte: PersonMatte, t: Similarity, size: number): Float32Array {
  const back = invertSimilarity(t);
  const out = new Float32Array(size * size);
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const [x, y] = apply(back, [i + 0.5, j + 0.5]);
      out[j * size + i] = matteOnPatch(matte, { x: x - 0.5, y: y - 0.5, width: 1, height: 1 }, 1, 1)[0]!;
    }
  return out;
}
