// The person segmenter: MediaPipe's selfie segmentation (a tfjs graph model served from our origin, public/models/
// selfie/, licence beside it) run once per photo on a square around the face, in the worker. Its matte keeps every
// edit on the person (src/photo/personMatte.ts). It runs on the detector's backend, as face-api does (WASM while the
// generator is on WebGPU), and holds its weights until dispose().
import * as tf from '@tensorflow/tfjs';
import { segmentSquare, shapeMatte, type PersonMatte } from '../../photo/personMatte';
import type { Box } from '../../photo/pasteBack';
import { onDetectorBackend } from '../model/backend';
import type { RegionReader } from './regionReader';

/** The network's input and output side. */
export const SEGMENT_SIZE = 256;

/** The matte of `bitmap` around face region `box` (photo pixels), or null when there is none to be had. */
export type Segmenter = (bitmap: ImageBitmap, box: Box, read: RegionReader) => Promise<PersonMatte | null>;

export class PersonSegmenter {
  private constructor(private readonly model: tf.GraphModel) {}

  /** Loads the graph model from `url` (its model.json). */
  static async load(url: string, fetchFunc: typeof fetch = (u, init) => fetch(u, init)): Promise<PersonSegmenter> {
    const model = await onDetectorBackend(() => tf.loadGraphModel(url, { fetchFunc }));
    return new PersonSegmenter(model);
  }

  /** The matte of a square around `box`: read at the network's size (outside the photo reads black), segmented. */
  async segment(bitmap: ImageBitmap, box: Box, read: RegionReader): Promise<PersonMatte> {
    const square = segmentSquare(box);
    const rgba = read(
      bitmap,
      { x: square.x, y: square.y, width: square.side, height: square.side },
      SEGMENT_SIZE,
      SEGMENT_SIZE,
    );
    const probabilities = await onDetectorBackend(async () => {
      const out = tf.tidy(() => {
        const pixels = tf.tensor3d(Float32Array.from(rgba.data), [SEGMENT_SIZE, SEGMENT_SIZE, 4]);
        const rgb = pixels.slice([0, 0, 0], [SEGMENT_SIZE, SEGMENT_SIZE, 3]).div(255).expandDims(0);
        return this.model.predict(rgb) as tf.Tensor;
      });
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    });
    return { ...square, size: SEGMENT_SIZE, values: shapeMatte(probabilities) };
  }

  dispose(): void {
    this.model.dispose();
  }
}

let shared: Promise<PersonSegmenter> | null = null;

/**
 * A Segmenter for the worker: loads the network from `url` on first use (a failed load is retried by the next photo)
 * and gives null, not an error, when it cannot be had: the edit then keeps to the paste-back mask alone.
 */
export function workerSegmenter(url: string): Segmenter {
  return async (bitmap, box, read) => {
    shared ??= PersonSegmenter.load(url).catch((e: unknown) => {
      shared = null;
      throw e;
    });
    try {
      return await (await shared).segment(bitmap, box, read);
    } catch (e) {
      console.warn('Person segmentation is unavailable; edits keep to the face mask alone.', e);
      return null;
    }
  };
}
