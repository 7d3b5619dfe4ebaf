import type { FrameInput } from '../../engine/protocol';
import { latentFeatures, sampleGallery } from '../../latent/gallery';
import { fitPca, project } from '../../latent/pca';
import { spreadSubset } from '../../latent/spread';
import type { EditorActions } from '../editor/actions';
import type { EditorState, EditorStore } from '../editor/editorStore';
import { MAP_SIZE, THUMB_COUNT, TRAIL_LIMIT, type LatentMapStore } from './latentMapStore';
import { selectFrameInput, selectModel } from '../editor/selectors';

/** The part of the engine the map needs: a batch of faces rendered as bitmaps the caller owns. */
export interface MapEngine {
  batch(
    inputs: readonly FrameInput[],
    options: { size: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<{ bitmaps: ImageBitmap[] }>;
}

export type MapActions = ReturnType<typeof createMapActions>;

/** The face on screen with all its edits, as drawn when not comparing: what the map marks and the chart draws. */
export function selectHere(state: EditorState): FrameInput | null {
  return selectFrameInput({ ...state, comparing: false });
}

function sameInput(a: FrameInput | null, b: FrameInput | null): boolean {
  if (!a || !b) return a === b;
  const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.latent, b.latent) && same(a.attributes, b.attributes);
}

/**
 * The latent map: samples MAP_SIZE seeded faces, projects them onto their two principal directions, renders a spread
 * subset as thumbnails, and follows the face on screen (its point and its recent path). Picking a gallery face makes
 * it current through the editor's own action, so it is one undo step like any new face.
 */
export function createMapActions(editor: EditorStore, map: LatentMapStore, engine: MapEngine, actions: EditorActions) {
  let building: AbortController | null = null;
  // The id of the face last followed: a face that keeps its id while it changes (a walk, a photo being refined)
  // draws a path; another id is a jump.
  let lastFaceId: number | null = null;

  /** Moves the marker and extends the path when what the face on screen is made of changes (any kind of edit). */
  function follow(state: EditorState, force = false): void {
    const { face, interpolation } = state;
    const here = selectHere(state);
    const { pca, trail, here: before } = map.getState();
    if (!force && sameInput(before, here)) {
      lastFaceId = face?.id ?? null;
      return;
    }
    const herePoint = here && pca ? project(pca, latentFeatures(here.latent, here.attributes)) : null;
    let next = trail;
    if (herePoint) {
      // Another face that is not a step of an interpolation is a jump: the path breaks there.
      const jump = lastFaceId !== null && face?.id !== lastFaceId && !(interpolation.a && interpolation.b);
      const tail = jump ? [NaN, NaN, herePoint[0]!, herePoint[1]!] : [herePoint[0]!, herePoint[1]!];
      const joined = new Float32Array(trail.length + tail.length);
      joined.set(trail);
      joined.set(tail, trail.length);
      next = joined.length > 2 * TRAIL_LIMIT ? joined.slice(joined.length - 2 * TRAIL_LIMIT) : joined;
    }
    lastFaceId = face?.id ?? null;
    map.setState({ here, herePoint, trail: next });
  }
  const stopFollowing = editor.subscribe((state) => follow(state));
  follow(editor.getState(), true);

  function closeThumbs(): void {
    for (const t of map.getState().thumbs) t.bitmap.close();
    map.setState({ thumbs: [] });
  }

  return {
    /**
     * Samples MAP_SIZE faces from `firstSeed` for the loaded model, projects them and renders THUMB_COUNT
     * thumbnails; a build already running is cancelled. Resolves when the map is ready (or failed, see status).
     */
    async build(firstSeed = map.getState().firstSeed): Promise<void> {
      const model = selectModel(editor.getState());
      if (!model) return;
      building?.abort();
      const controller = new AbortController();
      building = controller;
      closeThumbs();
      const t0 = performance.now();
      const gallery = sampleGallery(model, MAP_SIZE, firstSeed);
      const features = gallery.map((f) => latentFeatures(f.latent, f.attributes));
      const t1 = performance.now();
      const pca = fitPca(features, 2);
      const points = new Float32Array(2 * gallery.length);
      features.forEach((f, i) => points.set(project(pca, f), 2 * i));
      const picks = spreadSubset(points, THUMB_COUNT);
      const t2 = performance.now();
      map.setState({
        status: { kind: 'building', done: 0, total: picks.length },
        modelId: model.id,
        firstSeed,
        gallery,
        features,
        pca,
        points,
        trail: new Float32Array(0),
        timings: null,
      });
      lastFaceId = null;
      follow(editor.getState(), true);
      try {
        const { bitmaps } = await engine.batch(
          picks.map((i) => ({ latent: gallery[i]!.latent, attributes: gallery[i]!.attributes })),
          {
            size: model.resolution,
            signal: controller.signal,
            onProgress: (done, total) => {
              if (building === controller) map.setState({ status: { kind: 'building', done, total } });
            },
          },
        );
        if (building !== controller) {
          for (const b of bitmaps) b.close();
          return;
        }
        const t3 = performance.now();
        map.setState({
          thumbs: picks.map((index, k) => ({ index, bitmap: bitmaps[k]! })),
          status: { kind: 'ready', ms: t3 - t0 },
          timings: { sample: t1 - t0, pca: t2 - t1, thumbs: t3 - t2 },
        });
      } catch (e) {
        if (building !== controller) return;
        // The points stay usable without their pictures.
        map.setState({ status: { kind: 'error', message: `Map thumbnails failed: ${(e as Error).message}` } });
      } finally {
        if (building === controller) building = null;
      }
    },
    /** Makes gallery face `index` current (as "New random face" with its seed would): one undo step. */
    pick(index: number): void {
      const face = map.getState().gallery[index];
      if (face) actions.newRandomFace(face.seed);
    },
    /** Forgets the path so far; the face on screen starts a new one. */
    clearTrail(): void {
      const { herePoint } = map.getState();
      map.setState({ trail: herePoint ? Float32Array.from(herePoint) : new Float32Array(0) });
    },
    /** Stops following the editor, cancels a build and closes the thumbnails. */
    dispose(): void {
      stopFollowing();
      building?.abort();
      building = null;
      closeThumbs();
    },
  };
}
