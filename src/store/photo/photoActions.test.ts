import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient } from '../../engine/client/engineClient';
import type { ModelInfo, PhotoEvent } from '../../engine/protocol';
import { jpeg, photoError as failed, WorkerEnd } from '../../testing/photoWorkerEnd';
import { TestBitmap } from '../../testing/testBitmap';
import { createActions, type EditorActions } from '../editor/actions';
import { createEditorStore, type EditorStore } from '../editor/editorStore';
import { createPhotoActions, DECODE_MAX_SIDE, type PhotoActions } from './photoActions';

const model: ModelInfo = {
  id: 'photo-test',
  name: 'Photo test',
  resolution: 4,
  latent: { size: 3, mean: 0, std: 1 },
  attributes: [{ name: 'Smiling', label: 'Smile', min: -2, max: 2, default: 0, off: -1, on: 1 }],
};

const crop = () => new TestBitmap(256, 256);

const step = (id: number, n: number, v: number): PhotoEvent => ({
  type: 'photo-step',
  id,
  step: n,
  maxSteps: 10,
  psnr: 20 + n,
  loss: 0.01 / (n + 1),
  latent: Float32Array.of(v, v, v),
  attributes: Float32Array.of(v / 10),
});
const aligned = (id: number, bitmap = crop()): PhotoEvent => ({
  type: 'photo-aligned',
  id,
  faces: [
    { box: { x: 10, y: 10, width: 100, height: 100 }, score: 0.9 },
    { box: { x: 300, y: 20, width: 90, height: 90 }, score: 0.8 },
  ],
  chosen: 0,
  width: 640,
  height: 480,
  crop: bitmap as unknown as ImageBitmap,
  alignError: 1.5,
});
let worker: WorkerEnd;
let store: EditorStore;
let actions: EditorActions;
let photos: PhotoActions;
/** The options of each decode the store asked for. */
let decodes: (ImageBitmapOptions | undefined)[];
const photo = () => store.getState().photo!;

beforeEach(() => {
  decodes = [];
  vi.stubGlobal('createImageBitmap', async (_file: File, options?: ImageBitmapOptions) => {
    decodes.push(options);
    return new TestBitmap(options?.resizeWidth ?? 640, 480);
  });
  worker = new WorkerEnd();
  const client = new EngineClient(worker);
  store = createEditorStore();
  actions = createActions(store, client, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 1 });
  photos = createPhotoActions(store, client, actions);
  actions.start();
  worker.send({ type: 'ready', model, backend: 'wasm', candidates: {} });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('photo actions', () => {
  it('opens a photo, shows the encoder face as one undo step, and refines that same face in place', async () => {
    const first = store.getState().face!;
    expect(await photos.openPhoto([jpeg(640, 480)])).toBe(true);
    expect(photo()).toMatchObject({ phase: 'detecting', name: 'me.jpg', width: 640, height: 480, face: null });
    const job = worker.job();
    expect(photo().job).toBe(job);

    worker.send(aligned(job));
    expect(photo()).toMatchObject({ phase: 'refining', chosen: 0, alignError: 1.5 });
    expect(photo().faces).toHaveLength(2);

    worker.send(step(job, 0, 0.5));
    const shown = store.getState().face!;
    expect(shown.source).toEqual({ kind: 'photo', name: 'me.jpg' });
    expect(photo()).toMatchObject({ face: shown, firstPsnr: 20, step: 0 });
    expect(store.getState().past).toHaveLength(1);

    worker.send(step(job, 3, 0.7));
    const refined = store.getState().face!;
    expect(refined.id).toBe(shown.id);
    expect(Array.from(refined.latent)).toEqual(Array.from(Float32Array.of(0.7, 0.7, 0.7)));
    expect(store.getState().recent[0]).toBe(refined);
    expect(photo()).toMatchObject({ face: refined, firstPsnr: 20, psnr: 23, step: 3 });
    expect(store.getState().past).toHaveLength(1); // refinement is not a step of its own

    actions.undo();
    expect(store.getState().face).toBe(first);
    actions.redo();
    expect(store.getState().face).toBe(refined); // not the encoder's first guess

    worker.send({ type: 'photo-done', id: job, reason: 'converged', step: 4, psnr: 24 });
    expect(photo()).toMatchObject({ phase: 'done', reason: 'converged', step: 4 });
  });

  it('ignores a replaced job, closing its crop, and closes the crop each new one replaces', async () => {
    await photos.openPhoto([jpeg(640, 480)]);
    const oldJob = worker.job();
    const firstCrop = crop();
    worker.send(aligned(oldJob, firstCrop));
    photos.pickPhotoFace(1);
    const newJob = worker.job();
    expect(newJob).not.toBe(oldJob);
    expect(worker.requests.at(-1)).toEqual({ type: 'photo', id: newJob, faceIndex: 1 });
    expect(photo()).toMatchObject({ phase: 'detecting', chosen: 1, job: newJob });

    const late = crop();
    worker.send(aligned(oldJob, late));
    worker.send(step(oldJob, 0, 0.9));
    expect(late.closed).toBe(true);
    expect(photo().crop).toBe(firstCrop);
    expect(store.getState().face?.source.kind).toBe('random');

    worker.send(aligned(newJob));
    expect(firstCrop.closed).toBe(true);
    // A step > 0 of a job that showed no face yet shows one rather than replacing another job's face.
    worker.send(step(newJob, 2, 0.3));
    expect(store.getState().face?.source).toEqual({ kind: 'photo', name: 'me.jpg' });
  });

  it('starts a manual crop and cancels only a running job', async () => {
    await photos.openPhoto([jpeg(640, 480)]);
    worker.send(failed(worker.job(), 'no-face', 'No face'));
    expect(photo()).toMatchObject({ phase: 'no-face', message: 'No face', faces: [] });
    expect(store.getState().notice).toBeNull();
    photos.cancelPhoto();
    expect(worker.requests.filter((r) => r.type === 'photo-cancel')).toHaveLength(0);

    photos.cropPhoto({ x: 5, y: 6, size: 200 });
    expect(worker.requests.at(-1)).toEqual({ type: 'photo', id: worker.job(), manual: { x: 5, y: 6, size: 200 } });
    expect(photo()).toMatchObject({ phase: 'detecting', chosen: -1, message: null });
    photos.cancelPhoto();
    expect(worker.requests.at(-1)).toEqual({ type: 'photo-cancel' });
  });

  it('closes a photo: cancels its job, frees its crop and ignores its later events', async () => {
    await photos.openPhoto([jpeg(640, 480)]);
    const job = worker.job();
    const owned = crop();
    worker.send(aligned(job, owned));
    photos.closePhoto();
    expect(worker.requests.at(-1)).toEqual({ type: 'photo-close' });
    expect(owned.closed).toBe(true);
    expect(store.getState().photo).toBeNull();
    const face = store.getState().face;
    worker.send(step(job, 0, 0.4));
    expect(store.getState().face).toBe(face);
  });

  it('reports a failed job in the notice', async () => {
    await photos.openPhoto([jpeg(640, 480)]);
    worker.send(failed(worker.job(), 'photo-failed', 'Out of memory'));
    expect(photo()).toMatchObject({ phase: 'failed', message: 'Out of memory' });
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'Out of memory' });
  });

  it('refuses what it cannot use with a notice, keeping the face and sending nothing', async () => {
    const face = store.getState().face;
    const sent = worker.requests.length;
    expect(await photos.openPhoto([jpeg(640, 480, 'a.jpg'), jpeg(640, 480, 'b.jpg')])).toBe(false);
    expect(store.getState().notice?.text).toMatch(/2 files/);
    expect(await photos.openPhoto([new File(['hello'], 'notes.txt')])).toBe(false);
    expect(store.getState().notice?.text).toMatch(/^notes\.txt: .*not an image/);
    vi.stubGlobal('createImageBitmap', () => Promise.reject(new Error('bad data')));
    expect(await photos.openPhoto([jpeg(640, 480, 'broken.jpg')])).toBe(false);
    expect(store.getState().notice?.text).toMatch(/^broken\.jpg: the browser could not decode it/);
    expect(await photos.openPhoto([])).toBe(false);
    expect(store.getState().face).toBe(face);
    expect(store.getState().photo).toBeNull();
    expect(worker.requests).toHaveLength(sent);
    // A model with no way to frame photos (neither face landmarks nor a framing) says so instead of trying.
    worker.send({
      type: 'ready',
      model: { ...model, name: 'Clothes', noPhotos: true },
      backend: 'wasm',
      candidates: {},
    });
    expect(await photos.openPhoto([jpeg(640, 480, 'shirt.jpg')])).toBe(false);
    expect(store.getState().notice?.text).toMatch(/not supported for Clothes/);
    expect(worker.requests.filter((r) => r.type === 'photo')).toHaveLength(0);
  });

  it(`scales a photo down to ${DECODE_MAX_SIDE} px on its longer side when decoding, and no smaller one`, async () => {
    await photos.openPhoto([jpeg(640, 480)]);
    expect(decodes.at(-1)).toEqual({ imageOrientation: 'from-image' });
    await photos.openPhoto([jpeg(4096, 3072)]);
    expect(decodes.at(-1)).toMatchObject({ resizeWidth: DECODE_MAX_SIDE, resizeQuality: 'high' });
  });
});
