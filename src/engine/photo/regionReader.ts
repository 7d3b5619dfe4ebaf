// Reading part of a photo as RGBA bytes, at a given size: the face region the edit is pasted into.
import type { Box } from '../../photo/pasteBack';

/** RGBA pixels of part of a photo. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Reads `box` of `bitmap` drawn at width x height (in the worker: OffscreenCanvas, see readRegion). */
export type RegionReader = (bitmap: ImageBitmap, box: Box, width: number, height: number) => RgbaImage;

/** A RegionReader for the worker: `box` of `bitmap` drawn at width x height with OffscreenCanvas. */
export function readRegion(bitmap: ImageBitmap, box: Box, width: number, height: number): RgbaImage {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is unavailable in this worker');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
