// The blend tests' inputs (blendPlan.test.ts, blendKernel.test.ts): a live frame's, as PhotoEdit.create makes them.
import type { Similarity } from '../align';
import { editMargin, extendSimilarity, faceMask, faceRegion, invertSimilarity, patchToCrop } from '../pasteBack';
import { MODEL_LANDMARKS } from './landmarks';

const res = 64; // the celeba64 model's crop
const margin = editMargin(res);
/** The edit layer's side. */
export const LAYER_SIDE = res + 2 * margin;

/**
 * A 1600 x 1200 photo whose face (about `faceWidth` px, tilted by `rot`) is aligned to the model's crop, its face region
 * read at most `maxSide` px on its longer side (a pattern with fine detail), the real paste-back mask and a layer whose
 * change is a smooth ±`amplitude` byte units (60 by default).
 */
export function blendScene(rot: number, faceWidth: number, maxSide: number, amplitude = 60) {
  const side = LAYER_SIDE;
  const s = faceWidth / res;
  const t: Similarity = invertSimilarity({ a: s * Math.cos(rot), b: s * Math.sin(rot), tx: 620, ty: 380 });
  const canvas = extendSimilarity(t, margin);
  const box = faceRegion(canvas, side, 1600, 1200)!;
  const k = Math.min(1, maxSide / Math.max(box.width, box.height));
  const [width, height] = [Math.round(box.width * k), Math.round(box.height * k)];
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const [x, y] = [p % width, Math.floor(p / width)];
    for (let c = 0; c < 3; c++)
      data[4 * p + c] = 128 + 100 * Math.sin(x / 23 + c) * Math.cos(y / 31) + ((p * 7919) % 41);
    data[4 * p + 3] = p % 97 === 0 ? 0 : 255; // a few transparent pixels (a PNG): the blend makes them opaque
  }
  const mask = faceMask(MODEL_LANDMARKS, res, margin);
  const layer = new Float32Array(side * side * 4);
  for (let p = 0; p < side * side; p++) {
    const [x, y] = [p % side, Math.floor(p / side)];
    for (let c = 0; c < 3; c++) layer[4 * p + c] = amplitude * Math.sin(x / 6 + 2 * c) * Math.cos(y / 9 - c);
    layer[4 * p + 3] = mask[p]!;
  }
  return { patch: { width, height, data }, mask, layer, params: patchToCrop(canvas, box, width, height) };
}

/** How far `got` is from `want`: the largest difference of a byte, and how many bytes differ. */
export function byteDifferences(got: Uint8ClampedArray, want: Uint8ClampedArray) {
  if (got.length !== want.length) throw new Error(`byteDifferences: ${got.length} bytes, not ${want.length}`);
  let worst = 0;
  let differ = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    worst = Math.max(worst, d);
    if (d > 0) differ++;
  }
  return { worst, differ };
}
