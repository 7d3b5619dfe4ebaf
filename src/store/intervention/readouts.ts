// What a sweep or a ranking reads in each face it renders: every entry of the model's own encoder E_y, and on grey
// models (a light object on black, Fashion-MNIST's framing) also the picture's measures, taken from the frame's pixels.
import type { ModelInfo } from '../../engine/protocol';
import { measurePicture, PICTURE_MEASURES } from '../../latent/pictureMeasures';

/** The page's way to read a bitmap's RGBA pixels (the store has no canvas). */
export type PixelReader = (bitmap: ImageBitmap) => Uint8ClampedArray;

/** One value read per face: an entry of E_y's reading ('encoder') or a measure of its pixels ('picture'). */
export interface Readout {
  name: string;
  label: string;
  source: 'encoder' | 'picture';
  /** The range its values fall in, for charts. */
  min: number;
  max: number;
  /** For an attribute, halfway between its off and on values (a chart's guide line); null for a measure. */
  mid: number | null;
}

/** Whether faces of `model` are measured from their pixels: grey models, when the page can read pixels. */
export function measuresPictures(model: ModelInfo, pixels: PixelReader | undefined): pixels is PixelReader {
  return pixels !== undefined && model.channels === 1;
}

/** What is read per face, in reading order: E_y's entries, then (when `measured`) the picture's measures. */
export function readoutsOf(model: ModelInfo, measured: boolean): Readout[] {
  const encoder = model.attributes.map<Readout>((a) => ({
    name: a.name,
    label: a.label,
    source: 'encoder',
    min: a.min,
    max: a.max,
    mid: (a.off + a.on) / 2,
  }));
  const picture = PICTURE_MEASURES.map<Readout>((m) => ({ ...m, source: 'picture', mid: null }));
  return measured ? [...encoder, ...picture] : encoder;
}

/** Each face's E_y reading followed by its frame's picture measures (`frames[i]` belongs to `readings[i]`). */
export function withMeasures(
  readings: readonly Float32Array[],
  frames: readonly ImageBitmap[],
  pixels: PixelReader,
): Float32Array[] {
  if (frames.length !== readings.length) {
    throw new RangeError(`${frames.length} frames to measure for ${readings.length} readings`);
  }
  return readings.map((r, i) => {
    const frame = frames[i]!;
    const measures = measurePicture(pixels(frame), frame.width, frame.height);
    const out = new Float32Array(r.length + measures.length);
    out.set(r);
    out.set(measures, r.length);
    return out;
  });
}
