import { beforeEach, describe, expect, it } from 'vitest';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { latentFeatures } from '../../latent/gallery';
import { project } from '../../latent/pca';
import { randomLatent } from '../../latent/random';
import { StatusEngine, testAttributes } from '../../testing/statusEngine';
import { testBitmap, type TestBitmap } from '../../testing/testBitmap';
import { createActions, type EditorActions } from '../editor/actions';
import { createEditorStore, type EditorStore } from '../editor/editorStore';
import type { EditorEngine } from '../editor/engineSync';
import { createLatentMapStore, MAP_SIZE, THUMB_COUNT, type LatentMapStore } from './latentMapStore';
import { createMapActions, type MapActions, type MapEngine } from './mapActions';

// Two attributes with a correlated prior, so the map has attribute directions to find.
const attributes = testAttributes(['Smiling', 'Male']);
const prior = [40, 30, 20, 10].map((count, i) => ({ values: [i % 2 ? 1 : -1, i >= 2 ? 1 : -1], count }));
const model: ModelInfo = {
  id: 'map-test',
  name: 'Map test',
  resolution: 4,
  latent: { size: 8, mean: 0, std: 1 },
  attributes,
  attributePrior: prior,
};

/** The engine: the test pushes status; batches resolve when the test says so, with bitmaps it can see closed. */
class FakeEngine extends StatusEngine implements EditorEngine, MapEngine {
  calls: { inputs: readonly FrameInput[]; signal?: AbortSignal; resolve: () => void; reject: (e: Error) => void }[] =
    [];
  made: TestBitmap[] = [];
  batch(inputs: readonly FrameInput[], options: { size: number; signal?: AbortSignal }) {
    return new Promise<{ bitmaps: ImageBitmap[]; readings: Float32Array[]; gradients: Float32Array[] }>(
      (resolve, reject) => {
        this.calls.push({
          inputs,
          signal: options.signal,
          resolve: () => {
            const bitmaps = inputs.map(() => testBitmap(options.size, options.size));
            this.made.push(...bitmaps);
            resolve({ bitmaps, readings: [], gradients: [] });
          },
          reject,
        });
      },
    );
  }
}

let editor: EditorStore;
let actions: EditorActions;
let map: LatentMapStore;
let batch: FakeEngine;
let mapActions: MapActions;

beforeEach(() => {
  editor = createEditorStore();
  batch = new FakeEngine();
  actions = createActions(editor, batch, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 5 });
  actions.start();
  batch.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  map = createLatentMapStore();
  mapActions = createMapActions(editor, map, batch, actions);
});

async function buildReady(firstSeed?: number): Promise<void> {
  const done = mapActions.build(firstSeed);
  batch.calls.at(-1)!.resolve();
  await done;
}

describe('map actions', () => {
  it('samples MAP_SIZE faces, projects them, renders a spread subset and is ready', async () => {
    const done = mapActions.build(100);
    const building = map.getState();
    expect(building.status).toEqual({ kind: 'building', done: 0, total: THUMB_COUNT });
    expect(building.gallery).toHaveLength(MAP_SIZE);
    expect(building.gallery[0]!.seed).toBe(100);
    expect(building.points).toHaveLength(2 * MAP_SIZE);
    expect(batch.calls[0]!.inputs).toHaveLength(THUMB_COUNT);
    batch.calls[0]!.resolve();
    await done;
    const s = map.getState();
    expect(s.status.kind).toBe('ready');
    expect(s.thumbs.map((t) => t.index)).toHaveLength(THUMB_COUNT);
    // Each thumbnail is of the gallery face it is placed on.
    const t = s.thumbs[3]!;
    expect([...batch.calls[0]!.inputs[3]!.latent]).toEqual([...s.gallery[t.index]!.latent]);
  });

  it('marks the face on screen where its [z; w·y] projects, and follows slider edits with a path', async () => {
    await buildReady();
    const { pca, here } = map.getState();
    const face = editor.getState().face!;
    expect([...here!.latent]).toEqual([...face.latent]);
    const expected = project(pca!, latentFeatures(face.latent, face.attributes));
    expect([...map.getState().herePoint!]).toEqual([...expected]);
    actions.setAttribute(1, 2);
    actions.setAttribute(1, -2);
    const { trail, herePoint } = map.getState();
    expect(trail.length).toBe(6);
    expect([...trail.slice(4)]).toEqual([...herePoint!]);
    expect(herePoint![0]).not.toBe(expected[0]);
  });

  it('breaks the path where another face is picked', async () => {
    await buildReady();
    mapActions.pick(7);
    const { trail } = map.getState();
    expect(trail.length).toBe(6);
    expect(Number.isNaN(trail[2]!)).toBe(true);
  });

  it('a face that changes but keeps its id (a walk, a photo being refined) draws a path, not jumps', async () => {
    await buildReady();
    const face = editor.getState().face!;
    const moved = Float32Array.from(face.latent, (v) => v + 0.5);
    actions.replaceFace({ ...face, latent: moved });
    actions.replaceFace({ ...face, latent: Float32Array.from(moved, (v) => v + 0.5) });
    const { trail } = map.getState();
    expect(trail.length).toBe(6);
    expect(trail.some(Number.isNaN)).toBe(false);
  });

  it('an interpolation draws its path from A towards B, without breaks', async () => {
    actions.newRandomFace(900);
    const a = editor.getState().face!;
    actions.newRandomFace(901);
    const b = editor.getState().face!;
    await buildReady();
    actions.setEndpoint('a', a.id);
    actions.setEndpoint('b', b.id);
    for (const t of [0, 0.25, 0.5, 0.75, 1]) actions.setT(t);
    const { trail, pca } = map.getState();
    const tail = [...trail.slice(-10)];
    expect(tail.some(Number.isNaN)).toBe(false);
    expect(tail.slice(0, 2)).toEqual([...project(pca!, latentFeatures(a.latent, a.attributes))]);
    expect(tail.slice(-2)).toEqual([...project(pca!, latentFeatures(b.latent, b.attributes))]);
  });

  it('picking a point makes that gallery face current, as one undo step, with the same latent', async () => {
    await buildReady(200);
    const before = editor.getState().face;
    mapActions.pick(3);
    const face = editor.getState().face!;
    expect(face.source).toEqual({ kind: 'random', seed: 203 });
    expect([...face.latent]).toEqual([...randomLatent(203, model.latent)]);
    expect([...face.attributes]).toEqual([...map.getState().gallery[3]!.attributes]);
    actions.undo();
    expect(editor.getState().face).toBe(before);
  });

  it('a rebuild cancels the running one and closes the old thumbnails; dispose closes the rest', async () => {
    await buildReady(0);
    const first = [...batch.made];
    const second = mapActions.build(1000);
    expect(first.every((b) => b.closed)).toBe(true);
    const third = mapActions.build(2000);
    expect(batch.calls[1]!.signal!.aborted).toBe(true);
    batch.calls[1]!.resolve(); // arrives late: its bitmaps are closed, not shown
    batch.calls[2]!.resolve();
    await Promise.all([second, third]);
    expect(map.getState().firstSeed).toBe(2000);
    expect(batch.made.slice(THUMB_COUNT, 2 * THUMB_COUNT).every((b) => b.closed)).toBe(true);
    expect(map.getState().thumbs.every((t) => !(t.bitmap as unknown as TestBitmap).closed)).toBe(true);
    mapActions.dispose();
    expect(batch.made.every((b) => b.closed)).toBe(true);
  });

  it('keeps the points when thumbnails fail, and says why', async () => {
    const done = mapActions.build();
    batch.calls[0]!.reject(new Error('engine busy'));
    await done;
    expect(map.getState().status).toEqual({ kind: 'error', message: 'Map thumbnails failed: engine busy' });
    expect(map.getState().points).toHaveLength(2 * MAP_SIZE);
  });
});
