import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GanModel } from '../model/ganModel';
import { toRgba } from '../render/renderer';
import { EngineError } from '../protocol';
import { generatedFace, loadModelFromDisk, selectBackendInNode } from '../model/testing/loadModel';
import { FAST, face, photoJobsHarness } from './testing/standInPhotoJobs';
import { testBitmap as bitmap } from '../../testing/testBitmap';

// The real model encodes and refines on WASM; only alignment (OffscreenCanvas, absent in Node) is replaced by an
// aligner that hands back a face the generator made, so what is tested is the job handling around it.

describe('PhotoJobs', { timeout: 120_000 }, () => {
  let model: GanModel;
  let target: Float32Array;
  const engine = () => ({ model, detectorBase: '/models/face-api/' });

  beforeAll(async () => {
    await selectBackendInNode('wasm');
    model = await loadModelFromDisk();
    target = generatedFace(model, 5);
  });
  afterAll(() => model.dispose());

  const setup = (alignFails?: Error) => photoJobsHarness(engine, () => target, alignFails ? { alignFails } : {});

  it('aligns, encodes and refines, transferring the crop, and releases every tensor on close', async () => {
    const before = tf.memory().numTensors;
    const { jobs, run, events, transfers, previews } = setup();
    const photo = bitmap(640, 480);
    await run({ id: 1, bitmap: photo });
    expect(events.map((e) => e.type)).toEqual([
      'photo-aligned',
      'photo-step',
      'photo-step',
      'photo-step',
      'photo-done',
    ]);
    expect(events[0]).toMatchObject({ type: 'photo-aligned', id: 1, chosen: 0, width: 640, height: 480 });
    expect(transfers[0]).toEqual([previews[0]]);
    expect(events.flatMap((e) => (e.type === 'photo-step' ? [e.step] : []))).toEqual([0, 2, 4]);
    expect(events.at(-1)).toMatchObject({ type: 'photo-done', id: 1, reason: 'max-steps', step: 4 });
    expect(photo.closed).toBe(false); // kept for re-aligning, and for the edit
    const input = {
      latent: new Float32Array(model.manifest.latent.size),
      attributes: new Float32Array(model.manifest.attributes.length),
    };
    const frame = await jobs.frame(input);
    // The crop (320 px here) and an eighth of it past each side (the edit layer's margin), cut at the photo's top.
    expect(frame?.box).toEqual({ x: 10, y: 0, width: 400, height: 385 });
    // The face view shows the photo's fit (per-layer codes, feature offset), not the plain generator at its mean code.
    const last = events.flatMap((e) => (e.type === 'photo-step' ? [e] : [])).at(-1)!;
    const fitted = (await jobs.frame(last))!.face.data;
    const plainT = tf.tidy(() => {
      const g = model.generate(
        tf.tensor2d(last.latent, [1, last.latent.length]),
        tf.tensor2d(last.attributes, [1, last.attributes.length]),
      );
      return toRgba(g, model.manifest.pixelRange);
    });
    const plain = await plainT.data();
    plainT.dispose();
    expect(fitted.filter((v, i) => v !== plain[i]).length).toBeGreaterThan(100);
    jobs.close();
    expect(photo.closed).toBe(true);
    expect(jobs.frame(input)).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a newer photo stops the running job, closes the photo it replaces and frees its edit', async () => {
    const before = tf.memory().numTensors;
    const { jobs, run, of, react } = setup();
    await run({ id: 0, bitmap: bitmap() });
    const onePhoto = tf.memory().numTensors;
    jobs.close();
    const first = bitmap();
    const second = bitmap(800, 600);
    let newer: Promise<void> | null = null;
    let firstClosedWhenReplaced = false;
    react((e) => {
      if (e.id === 1 && e.type === 'photo-step' && !newer) {
        newer = run({ id: 2, bitmap: second });
        firstClosedWhenReplaced = first.closed;
      }
    });
    await run({ id: 1, bitmap: first });
    await newer;
    expect(firstClosedWhenReplaced).toBe(true);
    expect(of(1).map((e) => e.type)).toEqual(['photo-aligned', 'photo-step', 'photo-done']);
    expect(of(1).at(-1)).toMatchObject({ reason: 'cancelled', step: 0 });
    expect(of(2).at(0)).toMatchObject({ type: 'photo-aligned', width: 800, height: 600 });
    expect(of(2).at(-1)).toMatchObject({ type: 'photo-done', reason: 'max-steps', step: 4 });
    expect(second.closed).toBe(false);
    expect(tf.memory().numTensors).toBe(onePhoto);
    jobs.close();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds the same tensors for every framed photo at one phase, a photo replaced mid-frame included', async () => {
    const before = tf.memory().numTensors;
    const { jobs, run, of, react } = setup();
    const lastStep = (id: number) =>
      of(id)
        .flatMap((e) => (e.type === 'photo-step' ? [e] : []))
        .at(-1)!;
    // Refined to the end, then framed: the fit (per-layer codes, feature offset). Its unedited generation, like the
    // mask, is plain numbers: read back once and its tensor disposed.
    await run({ id: 1, bitmap: bitmap() });
    await jobs.frame(lastStep(1));
    const refined = tf.memory().numTensors;
    expect(refined).toBe(before + 2);

    // At photo 2's first refinement report a frame starts (making its unedited generation) and photo 3 replaces it
    // while that frame is still being read back.
    let replaced: { frame: Promise<unknown> | null; run: Promise<void> } | null = null;
    react((e) => {
      if (e.id === 2 && e.type === 'photo-step' && e.step > 0 && !replaced) {
        replaced = { frame: jobs.frame(e), run: run({ id: 3, bitmap: bitmap(800, 600) }) };
      }
    });
    await run({ id: 2, bitmap: bitmap() });
    expect(replaced).not.toBeNull();
    await replaced!.frame;
    await replaced!.run;
    expect(of(2).at(-1)).toMatchObject({ type: 'photo-done', reason: 'cancelled', step: 2 });
    await jobs.frame(lastStep(3));
    expect(tf.memory().numTensors).toBe(refined);

    // Stopped at the encoder's result: its fit is one latent, without the feature offset, so one tensor fewer. (A
    // count compared across photos must be taken at the same phase: e2e/photoEdit.spec.ts waits for a refinement
    // report before it stops refining.)
    react((e) => {
      if (e.id === 4 && e.type === 'photo-step' && e.step === 0) jobs.cancel();
    });
    await run({ id: 4, bitmap: bitmap() });
    await jobs.frame(lastStep(4));
    expect(tf.memory().numTensors).toBe(refined - 1);
    jobs.close();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancel stops the running job after its current step', async () => {
    const { jobs, run, of, react } = setup();
    react((e) => {
      if (e.type === 'photo-step' && e.step === 2) jobs.cancel();
    });
    await run({ id: 1, bitmap: bitmap() });
    expect(of(1).at(-1)).toMatchObject({ type: 'photo-done', reason: 'cancelled', step: 2 });
  });

  it('re-aligns the last photo without detecting again, for another face or a manual crop', async () => {
    const { run, calls, of } = setup();
    const photo = bitmap();
    await run({ id: 1, bitmap: photo });
    await run({ id: 2, faceIndex: 1 });
    await run({ id: 3, manual: { x: 5, y: 6, size: 200 } });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.bitmap === photo)).toBe(true);
    expect(calls[0]?.opts.faces).toBeUndefined();
    expect(calls[1]?.opts).toMatchObject({ faceIndex: 1, faces: [face(10), face(300)] });
    expect(calls[2]?.opts).toMatchObject({ manual: { x: 5, y: 6, size: 200 } });
    // Only boxes and scores cross the boundary.
    expect(of(1)[0]).toEqual(
      expect.objectContaining({
        faces: [
          { box: face(10).box, score: 0.9 },
          { box: face(300).box, score: 0.9 },
        ],
      }),
    );
    expect(of(2)[0]).toMatchObject({ type: 'photo-aligned', chosen: 1 });
    expect(photo.closed).toBe(false);
  });

  it('reports a photo without faces as no-face, with its size, and remembers that nothing was found', async () => {
    const { run, calls, events } = setup(new EngineError('no-face', 'No face was found in this photo.'));
    await run({ id: 1, bitmap: bitmap(320, 200) });
    await run({ id: 2, manual: { x: 0, y: 0, size: 100 } });
    expect(events[0]).toEqual({
      type: 'photo-error',
      id: 1,
      code: 'no-face',
      message: 'No face was found in this photo.',
      faces: [],
      width: 320,
      height: 200,
    });
    expect(calls[1]?.opts.faces).toEqual([]);
  });

  it('reports other alignment failures as photo-failed', async () => {
    const { run, events } = setup(new Error('2D canvas is unavailable in this worker'));
    await run({ id: 7, bitmap: bitmap() });
    expect(events).toMatchObject([{ type: 'photo-error', id: 7, code: 'photo-failed', message: /2D canvas/ }]);
  });

  it('fails a request with no model loaded, closing its bitmap, or with no photo yet', async () => {
    const { jobs, calls, events } = setup();
    const photo = bitmap();
    await jobs.run(null, { type: 'photo', id: 1, bitmap: photo });
    await jobs.run(engine(), { type: 'photo', id: 2, faceIndex: 1 }, FAST);
    expect(photo.closed).toBe(true);
    expect(calls).toHaveLength(0);
    expect(events).toMatchObject([
      { type: 'photo-error', id: 1, code: 'photo-failed', message: 'The model is not loaded yet.', width: 0 },
      { type: 'photo-error', id: 2, code: 'photo-failed', message: 'There is no photo to align.', width: 0 },
    ]);
  });
});
