import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BatchJobs, type ChunkOptions } from './batchJobs';
import type { RunInQueue } from './scheduler';
import type { BatchEvent, FrameInput } from '../protocol';
import { GanModel } from '../model/ganModel';
import { defaultModelDir, fileFetch, useShippedModel } from '../model/testing/loadModel';
import { testBitmap, type TestBitmap } from '../../testing/testBitmap';

// The shipped model on WASM renders and reads every batch; what stands in is only the worker around it: its chain of
// requests (a promise chain like engine.worker.ts's) and createImageBitmap (absent in Node: a bitmap of the frame's size).

/** The worker's queue: each piece of work starts after the one before it settles. */
function chain(log: string[]): { inQueue: RunInQueue; live: (name: string) => void } {
  let tail: Promise<unknown> = Promise.resolve();
  const inQueue: RunInQueue = (work) => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  return { inQueue, live: (name) => void inQueue(async () => void log.push(name)) };
}

describe('BatchJobs', { timeout: 120_000 }, () => {
  const model = useShippedModel();

  function setup(chunks: ChunkOptions = { chunkMs: 40, maxChunk: 16 }, quiet?: () => Promise<void>) {
    const events: BatchEvent[] = [];
    const log: string[] = [];
    const queue = chain(log);
    let onEvent: (e: BatchEvent) => void = () => {};
    const bitmaps: TestBitmap[] = [];
    const jobs = new BatchJobs(
      (e) => {
        events.push(e);
        if (e.type === 'batch-chunk') log.push(`chunk ${e.done}`);
        onEvent(e);
      },
      (work) => queue.inQueue(work),
      async (frame) => {
        expect(frame.data.length).toBe(frame.width * frame.height * 4);
        const b = testBitmap(frame.width, frame.height);
        bitmaps.push(b);
        return b;
      },
      chunks,
      quiet,
    );
    const chunksOf = (id: number) => events.flatMap((e) => (e.type === 'batch-chunk' && e.id === id ? [e] : []));
    return { jobs, events, log, bitmaps, chunksOf, live: queue.live, react: (f: typeof onEvent) => (onEvent = f) };
  }

  /** Seeded latents with every attribute at its default, and `attribute` (by name) set to `value`. */
  function faces(n: number, attribute?: string, value = 0): FrameInput[] {
    const { latent, attributes } = model().manifest;
    return Array.from({ length: n }, (_, i) => {
      const a = Float32Array.from(attributes, (x) => x.default);
      if (attribute) a[attributes.findIndex((x) => x.name === attribute)] = value;
      const z = tf.tidy(() => tf.randomNormal([latent.size], 0, 1, 'float32', 100 + i).dataSync() as Float32Array);
      return { latent: z, attributes: a };
    });
  }

  it('renders every input at the size asked for, with one reading per attribute, in chunks, leaking no tensors', async () => {
    const { jobs, events, chunksOf } = setup({ chunkMs: 40, maxChunk: 2 });
    const before = tf.memory().numTensors;
    await jobs.run(model(), { type: 'batch', id: 3, inputs: faces(5), size: 32, read: true });
    const chunks = chunksOf(3);
    expect(chunks.length).toBeGreaterThanOrEqual(3); // at most 2 a chunk
    expect(chunks.map((c) => c.done)).toEqual([...chunks.map((c) => c.done)].sort((a, b) => a - b));
    expect(chunks.at(-1)).toMatchObject({ done: 5, total: 5 });
    const bitmaps = chunks.flatMap((c) => c.bitmaps);
    expect(bitmaps.map((b) => [b.width, b.height])).toEqual(Array(5).fill([32, 32]));
    const readings = chunks.flatMap((c) => c.readings);
    expect(readings.map((r) => r.length)).toEqual(Array(5).fill(model().manifest.attributes.length));
    expect(readings.every((r) => r.every(Number.isFinite))).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'batch-done', id: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives frames at other sizes, or readings alone with size 0', async () => {
    const { jobs, chunksOf } = setup();
    await jobs.run(model(), { type: 'batch', id: 1, inputs: faces(2), size: 100, read: false });
    await jobs.run(model(), { type: 'batch', id: 2, inputs: faces(2), size: 0, read: true });
    expect(chunksOf(1).flatMap((c) => c.bitmaps.map((b) => b.width))).toEqual([100, 100]);
    expect(chunksOf(1).flatMap((c) => c.readings)).toEqual([]);
    expect(chunksOf(2).flatMap((c) => c.bitmaps)).toEqual([]);
    expect(chunksOf(2).flatMap((c) => c.readings)).toHaveLength(2);
  });

  it("reads an attribute pushed to +2 higher than the same faces at -2 (the model's own encoder)", async () => {
    const { jobs, chunksOf } = setup();
    const names = model().manifest.attributes.map((a) => a.name);
    for (const [i, name] of ['Smiling', 'Male'].entries()) {
      await jobs.run(model(), { type: 'batch', id: 10 + i, inputs: faces(4, name, 2), size: 0, read: true });
      await jobs.run(model(), { type: 'batch', id: 20 + i, inputs: faces(4, name, -2), size: 0, read: true });
      const at = names.indexOf(name);
      const high = chunksOf(10 + i).flatMap((c) => c.readings.map((r) => r[at]!));
      const low = chunksOf(20 + i).flatMap((c) => c.readings.map((r) => r[at]!));
      expect(high).toHaveLength(4);
      high.forEach((h, face) => expect(h, `${name}, face ${face}`).toBeGreaterThan(low[face]! + 1));
    }
  });

  it('lets a live frame that arrives between chunks go before the next chunk', async () => {
    const { jobs, log, live, react } = setup({ chunkMs: 40, maxChunk: 1 });
    react((e) => {
      // A message that lands while the first chunk's result goes out, as a slider's frame would.
      if (e.type === 'batch-chunk' && e.done === 1) {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => (port1.close(), live('live frame'));
        port2.postMessage(null);
      }
    });
    await jobs.run(model(), { type: 'batch', id: 1, inputs: faces(3), size: 16, read: false });
    expect(log).toEqual(['chunk 1', 'live frame', 'chunk 2', 'chunk 3']);
  });

  it('runs no chunk until the frames are quiet (a drag over the open photo), and each one after they are', async () => {
    let open: () => void = () => {};
    let waits = 0;
    const quiet = () => {
      waits++;
      return waits === 2 ? new Promise<void>((resolve) => (open = resolve)) : Promise.resolve();
    };
    const { jobs, log } = setup({ chunkMs: 40, maxChunk: 1 }, quiet);
    const done = jobs.run(model(), { type: 'batch', id: 1, inputs: faces(3), size: 16, read: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(log).toEqual(['chunk 1']); // the second chunk waits for quiet frames
    open();
    await done;
    expect(log).toEqual(['chunk 1', 'chunk 2', 'chunk 3']);
    expect(waits).toBe(3);
  });

  it('stops a cancelled batch before its next chunk, answering aborted, leaking no tensors', async () => {
    const { jobs, events, chunksOf, react } = setup({ chunkMs: 40, maxChunk: 2 });
    const before = tf.memory().numTensors;
    react((e) => {
      if (e.type === 'batch-chunk') jobs.cancel(4);
    });
    await jobs.run(model(), { type: 'batch', id: 4, inputs: faces(12), size: 64, read: true });
    expect(chunksOf(4)).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'batch-error', id: 4, code: 'aborted', message: 'The batch was cancelled.' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a model reload stops every batch, saying why', async () => {
    const { jobs, events } = setup();
    const a = jobs.run(model(), { type: 'batch', id: 1, inputs: faces(3), size: 8, read: false });
    const b = jobs.run(model(), { type: 'batch', id: 2, inputs: faces(3), size: 8, read: false });
    jobs.cancelAll('The model was reloaded.');
    await Promise.all([a, b]);
    expect(events).toEqual([
      { type: 'batch-error', id: 1, code: 'aborted', message: 'The model was reloaded.' },
      { type: 'batch-error', id: 2, code: 'aborted', message: 'The model was reloaded.' },
    ]);
  });

  it('refuses inputs that do not fit the model, and answers a batch with no model as not-loaded', async () => {
    const { jobs, events, bitmaps } = setup();
    const [good] = faces(1) as [FrameInput];
    const short = { latent: good.latent.subarray(0, 10), attributes: good.attributes };
    const nan = { latent: good.latent, attributes: Float32Array.of(NaN, ...good.attributes.subarray(1)) };
    await jobs.run(model(), { type: 'batch', id: 1, inputs: [good, short], size: 8, read: false });
    await jobs.run(model(), { type: 'batch', id: 2, inputs: [nan], size: 8, read: false });
    await jobs.run(model(), { type: 'batch', id: 3, inputs: [good], size: 5000, read: false });
    await jobs.run(null, { type: 'batch', id: 4, inputs: [good], size: 8, read: false });
    expect(events).toMatchObject([
      { type: 'batch-error', id: 1, code: 'bad-input', message: /input 1 has 10 latent and 6 attribute values.*128/ },
      { type: 'batch-error', id: 2, code: 'bad-input', message: /input 0 .*not a finite number/ },
      { type: 'batch-error', id: 3, code: 'bad-input', message: /size .* 0 to 1024 \(got 5000\)/ },
      { type: 'batch-error', id: 4, code: 'not-loaded' },
    ]);
    expect(bitmaps).toHaveLength(0);
  });

  it('refuses to read faces with a model that has no attribute encoder, and still renders without reading', async () => {
    const { jobs, events } = setup();
    // The shipped model, its manifest stripped of the encoder.
    const noEncoder = await GanModel.load(`${defaultModelDir}/`, {
      fetch: async (url) => {
        const res = await fileFetch(url);
        if (!String(url).endsWith('manifest.json')) return res;
        const manifest = (await res.json()) as { networks: Record<string, unknown> };
        delete manifest.networks['encoder'];
        return new Response(JSON.stringify(manifest));
      },
    });
    try {
      await jobs.run(noEncoder, { type: 'batch', id: 1, inputs: faces(1), size: 8, read: true });
      await jobs.run(noEncoder, { type: 'batch', id: 2, inputs: faces(1), size: 8, read: false });
    } finally {
      noEncoder.dispose();
    }
    expect(events).toMatchObject([
      { type: 'batch-error', id: 1, code: 'bad-input', message: /no attribute encoder/ },
      { type: 'batch-chunk', id: 2, done: 1 },
      { type: 'batch-done', id: 2 },
    ]);
  });

  it('answers an empty batch with done at once', async () => {
    const { jobs, events } = setup();
    await jobs.run(model(), { type: 'batch', id: 9, inputs: [], size: 8, read: true });
    expect(events).toEqual([{ type: 'batch-done', id: 9 }]);
  });
});
