import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FrameInput } from '../../engine/protocol';
import type { GalleryFace } from '../../latent/gallery';
import type { Pca } from '../../latent/pca';

/** Building: `done` of `total` thumbnails rendered (the points are drawn before). Ready: how long it all took. */
export type MapStatus =
  | { kind: 'idle' }
  | { kind: 'building'; done: number; total: number }
  | { kind: 'ready'; ms: number }
  | { kind: 'error'; message: string };

/** A gallery face shown as a picture on the map; the map owns the bitmap and closes it when it rebuilds. */
export interface MapThumb {
  index: number;
  bitmap: ImageBitmap;
}

export interface LatentMapState {
  status: MapStatus;
  modelId: string | null;
  firstSeed: number;
  gallery: GalleryFace[];
  /** latentFeatures() of each gallery face, the space both the map and "faces like this one" measure in. */
  features: Float32Array[];
  pca: Pca | null;
  /** Each gallery face on the map: [x0, y0, x1, y1, ...] in principal coordinates. */
  points: Float32Array;
  thumbs: MapThumb[];
  /** The face on screen with its edits, and where it sits on the map. */
  here: FrameInput | null;
  herePoint: Float32Array | null;
  /** Recent positions of the face on screen, [x, y, ...]; a NaN pair marks a jump to another face. */
  trail: Float32Array;
  /** Milliseconds each stage of the last build took: sampling, PCA and projection, thumbnails. */
  timings: { sample: number; pca: number; thumbs: number } | null;
}
export type LatentMapStore = StoreApi<LatentMapState>;

export const MAP_SIZE = 1000;
export const THUMB_COUNT = 16;
export const TRAIL_LIMIT = 240;

export function createLatentMapStore(): LatentMapStore {
  return createStore<LatentMapState>()(() => ({
    status: { kind: 'idle' },
    modelId: null,
    firstSeed: 0,
    gallery: [],
    features: [],
    pca: null,
    points: new Float32Array(0),
    thumbs: [],
    here: null,
    herePoint: null,
    trail: new Float32Array(0),
    timings: null,
  }));
}
