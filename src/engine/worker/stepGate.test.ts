import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { nextTask } from './scheduler';
import type { PhotoEvent } from '../protocol';
import { StepGate } from './stepGate';
import { generatedFace, useShippedModel } from '../model/testing/loadModel';
import { photoJobsHarness } from '../photo/testing/standInPhotoJobs';
import { testBitmap } from '../../testing/testBitmap';

/** Lets pending tasks run until `cond` holds (a bounded number of tasks, no clock). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !cond(); i++) await nextTask();
  expect(cond()).toBe(true);
}

describe('StepGate', () => {
  it('runs freely until paused; paused, lets one step through per advance, all on resume, none after abort', async () => {
    const gate = new StepGate();
    await expect(gate.next()).resolves.toBe('run');
    gate.advance(); // ignored while running
    gate.pause();
    const steps: string[] = [];
    const ctrl = new AbortController();
    const loop = (async () => {
      for (let i = 0; i < 4; i++) steps.push(await gate.next(ctrl.signal));
    })();
    await until(() => gate.holding);
    expect(steps).toEqual([]);
    gate.advance();
    await until(() => steps.length === 1 && gate.holding);
    gate.advance();
    gate.advance();
    await until(() => steps.length === 3 && gate.holding);
    gate.resume();
    await loop;
    gate.pause();
    const held = gate.next(ctrl.signal).then((t) => steps.push(t));
    await until(() => gate.holding);
    ctrl.abort();
    await held;
    expect(steps).toEqual(['single', 'single', 'single', 'run', 'aborted']);
    expect(gate.holding).toBe(false);
  });
});

describe('PhotoJobs step-through', { timeout: 120_000 }, () => {
  const model = useShippedModel();
  const engine = () => ({ model: model(), detectorBase: '/models/face-api/' });
  const target = () => generatedFace(model(), 5);
  const steps = (events: PhotoEvent[]) => events.flatMap((e) => (e.type === 'photo-step' ? [e] : []));

  it('a paused job stops after the encoder, emits nothing until a step, then exactly one per step', async () => {
    const { jobs, run, events } = photoJobsHarness(engine, target);
    jobs.pause();
    const job = run({ id: 1, bitmap: testBitmap() });
    await until(() => jobs.held);
    expect(steps(events).map((e) => e.step)).toEqual([0]);
    for (let i = 0; i < 50; i++) await nextTask(); // time for a step, if one were let through
    expect(steps(events)).toHaveLength(1);
    jobs.advance();
    await until(() => steps(events).length === 2 && jobs.held);
    for (let i = 0; i < 50; i++) await nextTask();
    expect(steps(events).map((e) => e.step)).toEqual([0, 1]);
    jobs.advance();
    await until(() => steps(events).length === 3 && jobs.held);
    jobs.resume();
    await job;
    expect(steps(events).map((e) => e.step)).toEqual([0, 1, 2, 4]); // then the usual reports (every 2, of 4)
    expect(events.at(-1)).toMatchObject({ type: 'photo-done', reason: 'max-steps', step: 4 });
    for (const s of steps(events)) {
      // loss = pixel MSE (+ the feature offset's penalty after step 0); pixel range [-1, 1], so MSE = 4 * 10^(-PSNR/10)
      const mse = 4 * 10 ** (-s.psnr / 10);
      expect(s.loss).toBeGreaterThanOrEqual(mse * (1 - 1e-4));
      if (s.step === 0) expect(s.loss).toBeCloseTo(mse, 6);
    }
    jobs.close();
  });

  it('a pause sent as a message just after the photo holds it before its first refinement step', async () => {
    const { jobs, run, events } = photoJobsHarness(engine, target);
    const job = run({ id: 1, bitmap: testBitmap() });
    // As in the worker: the 'photo-pause' message is a task queued behind the 'photo' one.
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (port1.close(), jobs.pause());
    port2.postMessage(null);
    await until(() => jobs.held);
    expect(steps(events).map((e) => e.step)).toEqual([0]);
    jobs.advance();
    await until(() => steps(events).length === 2 && jobs.held);
    expect(steps(events).map((e) => e.step)).toEqual([0, 1]);
    jobs.close();
    await job;
    jobs.resume();
  });

  it('a paused job holds its tensors; closing it frees everything, and a newer photo replaces it', async () => {
    const before = tf.memory().numTensors;
    const { jobs, run, of } = photoJobsHarness(engine, target);
    jobs.pause();
    const first = run({ id: 1, bitmap: testBitmap() });
    await until(() => jobs.held);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    const second = run({ id: 2, bitmap: testBitmap() });
    await first;
    expect(of(1).at(-1)).toMatchObject({ type: 'photo-done', reason: 'cancelled', step: 0 });
    await until(() => jobs.held); // still paused: the newer photo stops after its encoder result too
    expect(of(2).map((e) => e.type)).toEqual(['photo-aligned', 'photo-step']);
    jobs.close();
    await second;
    expect(of(2).at(-1)).toMatchObject({ type: 'photo-done', reason: 'cancelled' });
    expect(tf.memory().numTensors).toBe(before);
    jobs.resume();
  });
});
