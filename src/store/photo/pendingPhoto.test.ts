import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient } from '../../engine/client/engineClient';
import type { ModelInfo, PhotoEvent } from '../../engine/protocol';
import { jpeg, photoError, WorkerEnd } from '../../testing/photoWorkerEnd';
import { TestBitmap } from '../../testing/testBitmap';
import { createActions } from '../editor/actions';
import { createEditorStore, type EditorStore } from '../editor/editorStore';
import { createPhotoActions, type PhotoActions } from './photoActions';

// Garment pictures through the real store and engine client: a picture replaces the open one only once framed.
const clothes: ModelInfo = {
  id: 'clothes-test',
  name: 'Clothes',
  resolution: 4,
  latent: { size: 3, mean: 0, std: 1 },
  attributes: ['Shirt', 'Sneaker'].map((name) => ({ name, label: name, min: 0, max: 1, default: 0, off: 0, on: 1 })),
  classes: ['Shirt', 'Sneaker'],
  channels: 1,
  framesGarments: true,
};

const framed = (id: number, crop = new TestBitmap(4, 4)): PhotoEvent => ({
  type: 'photo-aligned',
  id,
  faces: [],
  chosen: -1,
  width: 300,
  height: 400,
  crop: crop as unknown as ImageBitmap,
  alignError: null,
  garment: { box: { x: 40, y: 150, width: 180, height: 224 }, inverted: true },
});
let worker: WorkerEnd;
let store: EditorStore;
let photos: PhotoActions;
let revoked: string[];

beforeEach(() => {
  revoked = [];
  let urls = 0;
  vi.stubGlobal('createImageBitmap', async () => new TestBitmap(300, 400));
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:${++urls}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  worker = new WorkerEnd();
  const client = new EngineClient(worker);
  store = createEditorStore();
  const actions = createActions(store, client, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 1 });
  photos = createPhotoActions(store, client, actions);
  actions.start();
  worker.send({ type: 'ready', model: clothes, backend: 'wasm', candidates: {} });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('garment pictures', () => {
  it('open once framed, with the framed crop and where the garment was, then refine like any photo', async () => {
    expect(await photos.openPhoto([jpeg(300, 400, 'shirt.jpg')])).toBe(true);
    expect(store.getState().photo).toBeNull();
    expect(store.getState().notice).toEqual({ kind: 'info', text: 'Looking for a garment in shirt.jpg…' });
    const job = worker.job();
    const crop = new TestBitmap(4, 4);
    worker.send(framed(job, crop));
    expect(store.getState().photo).toMatchObject({ phase: 'refining', job, name: 'shirt.jpg', faces: [] });
    expect(store.getState().photo?.crop).toBe(crop);
    expect(store.getState().photo?.garment).toEqual({
      box: { x: 40, y: 150, width: 180, height: 224 },
      inverted: true,
    });
    expect(store.getState().notice).toBeNull();
    const step = { id: job, maxSteps: 10, psnr: 20, loss: 0.01, latent: Float32Array.of(1, 2, 3) };
    worker.send({ type: 'photo-step', step: 0, attributes: Float32Array.of(1, 0), ...step });
    expect(store.getState().face?.source).toEqual({ kind: 'photo', name: 'shirt.jpg' });
    expect(store.getState().recent[0]).toBe(store.getState().face);
  });

  it('refuses a face photo with its message and changes nothing: the open garment, its face and crop stay', async () => {
    await photos.openPhoto([jpeg(300, 400, 'shirt.jpg')]);
    const crop = new TestBitmap(4, 4);
    worker.send(framed(worker.job(), crop));
    worker.send({ type: 'photo-done', id: worker.job(), reason: 'converged', step: 10, psnr: 30 });
    const before = store.getState();

    await photos.openPhoto([jpeg(640, 480, 'me.jpg')]);
    const message = 'This looks like a photo of a face; the clothing model only knows garments.';
    worker.send(photoError(worker.job(), 'face-photo', message));
    const after = store.getState();
    expect(after.notice).toEqual({ kind: 'error', text: `me.jpg: ${message}` });
    expect(after.photo).toBe(before.photo);
    expect(after.face).toBe(before.face);
    expect(after.past).toBe(before.past);
    expect(crop.closed).toBe(false);
    expect(revoked).toEqual(['blob:2']); // the refused picture's URL only
  });

  it('frees a picture still being framed when the photo is closed, and ignores its late result', async () => {
    await photos.openPhoto([jpeg(300, 400, 'shirt.jpg')]);
    const job = worker.job();
    photos.closePhoto();
    expect(worker.requests.at(-1)).toEqual({ type: 'photo-close' });
    expect(revoked).toEqual(['blob:1']);
    const late = new TestBitmap(4, 4);
    worker.send(framed(job, late));
    expect(late.closed).toBe(true);
    expect(store.getState().photo).toBeNull();
  });
});
