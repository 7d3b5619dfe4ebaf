import { describe, expect, it } from 'vitest';
import { EngineClient } from './engineClient';
import { EngineError, type BatchRequest, type EngineEvent, type EngineRequest } from '../protocol';
import { FakeTransport, readyClient } from './testing/fakeTransport';
import { testBitmap } from '../../testing/testBitmap';

const input = (v: number) => ({ latent: Float32Array.of(v, v), attributes: Float32Array.of(v) });
const lastBatch = (t: FakeTransport): BatchRequest => {
  const r = t.sent.findLast((s): s is BatchRequest => s.type === 'batch');
  if (!r) throw new Error('no batch sent');
  return r;
};
const reading = (v: number) => Float32Array.of(v);

describe('EngineClient.batch', () => {
  it('sends copies of the inputs, gathers chunks in order with progress, and resolves on done', async () => {
    const { transport, client } = readyClient();
    const inputs = [input(1), input(2), input(3)];
    const progress: string[] = [];
    const result = client.batch(inputs, { size: 32, read: true, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    inputs[0]!.latent[0] = 99;
    const req = lastBatch(transport);
    expect(req).toMatchObject({ type: 'batch', size: 32, read: true });
    expect(req.inputs.map((i) => Array.from(i.latent))).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(transport.transfers.at(-1)).toHaveLength(6); // each input's two buffers
    const [a, b, c] = [testBitmap(32, 32), testBitmap(32, 32), testBitmap(32, 32)];
    transport.emit({ type: 'batch-chunk', id: req.id, done: 1, total: 3, bitmaps: [a], readings: [reading(0.5)] });
    transport.emit({
      type: 'batch-chunk',
      id: req.id,
      done: 3,
      total: 3,
      bitmaps: [b, c],
      readings: [reading(1), reading(-1)],
    });
    transport.emit({ type: 'batch-done', id: req.id });
    const { bitmaps, readings } = await result;
    expect(bitmaps).toEqual([a, b, c]);
    expect(readings.map((r) => r[0])).toEqual([0.5, 1, -1]);
    expect(progress).toEqual(['1/3', '3/3']);
    expect([a, b, c].some((x) => x.closed)).toBe(false); // the caller's now
  });

  it('asks for gradients only when given attributes, and gathers them in input order', async () => {
    const { transport, client } = readyClient();
    void client.batch([input(1)], { size: 0, read: true });
    expect(lastBatch(transport)).not.toHaveProperty('gradientOf');
    const result = client.batch([input(1), input(2)], { size: 0, gradientOf: [0] });
    const req = lastBatch(transport);
    expect(req.gradientOf).toEqual([0]);
    const chunk = (done: number, g: number): EngineEvent => ({
      type: 'batch-chunk',
      id: req.id,
      done,
      total: 2,
      bitmaps: [],
      readings: [],
      gradients: [reading(g)],
    });
    transport.emit(chunk(1, 0.25));
    transport.emit(chunk(2, -4));
    transport.emit({ type: 'batch-done', id: req.id });
    expect((await result).gradients.map((g) => g[0])).toEqual([0.25, -4]);
  });

  it('does not hold up live frames: a frame requested during a batch goes out at once', () => {
    const { transport, client } = readyClient();
    void client.batch([input(1)], { size: 8 });
    client.render(input(2));
    expect(transport.sent.map((r) => r.type)).toEqual(['load', 'batch', 'render']);
  });

  it('aborting rejects at once, closes what came, tells the engine, and closes chunks that still arrive', async () => {
    const { transport, client } = readyClient();
    const ctrl = new AbortController();
    const result = client.batch([input(1), input(2)], { size: 8, signal: ctrl.signal });
    const { id } = lastBatch(transport);
    const first = testBitmap(8, 8);
    transport.emit({ type: 'batch-chunk', id, done: 1, total: 2, bitmaps: [first], readings: [] });
    ctrl.abort();
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(first.closed).toBe(true);
    expect(transport.last()).toEqual({ type: 'batch-cancel', id });
    const late = testBitmap(8, 8);
    transport.emit({ type: 'batch-chunk', id, done: 2, total: 2, bitmaps: [late], readings: [] });
    transport.emit({ type: 'batch-error', id, code: 'aborted', message: 'The batch was cancelled.' });
    expect(late.closed).toBe(true);
  });

  it('an already aborted signal, an empty batch and a model not ready send nothing', async () => {
    const { transport, client } = readyClient();
    const sent = transport.sent.length;
    await expect(client.batch([input(1)], { size: 8, signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    });
    await expect(client.batch([], { size: 8 })).resolves.toEqual({ bitmaps: [], readings: [], gradients: [] });
    expect(transport.sent.length).toBe(sent);
    const loading = new EngineClient(new FakeTransport());
    await expect(loading.batch([input(1)], { size: 8 })).rejects.toMatchObject({ code: 'not-loaded' });
  });

  it("rejects with the engine's error, closing what came; a crash fails every batch", async () => {
    const { transport, client } = readyClient();
    const bad = client.batch([input(1), input(2)], { size: 8 });
    const { id } = lastBatch(transport);
    const got = testBitmap(8, 8);
    transport.emit({ type: 'batch-chunk', id, done: 1, total: 2, bitmaps: [got], readings: [] });
    transport.emit({ type: 'batch-error', id, code: 'bad-input', message: 'Batch input 1 has 3 latent values' });
    await expect(bad).rejects.toMatchObject({ code: 'bad-input', message: /input 1/ });
    expect(got.closed).toBe(true);
    const pending = [client.batch([input(1)], { size: 8 }), client.batch([input(2)], { size: 0, read: true })];
    transport.crash('boom');
    for (const p of pending) await expect(p).rejects.toMatchObject({ code: 'worker-crashed' });
  });

  it('a progress callback that throws fails the batch with its error and stops the engine on it', async () => {
    const { transport, client } = readyClient();
    const result = client.batch([input(1), input(2)], {
      size: 8,
      onProgress: () => {
        throw new Error('progress bar gone');
      },
    });
    const { id } = lastBatch(transport);
    const got = testBitmap(8, 8);
    transport.emit({ type: 'batch-chunk', id, done: 1, total: 2, bitmaps: [got], readings: [] });
    await expect(result).rejects.toThrow('progress bar gone');
    expect(got.closed).toBe(true);
    expect(transport.last()).toEqual({ type: 'batch-cancel', id });
  });

  it('ignores answers for batches it does not know, closing their bitmaps', () => {
    const { transport } = readyClient();
    const stray = testBitmap();
    transport.emit({ type: 'batch-chunk', id: 77, done: 1, total: 1, bitmaps: [stray], readings: [] });
    transport.emit({ type: 'batch-done', id: 77 });
    expect(stray.closed).toBe(true);
    expect(transport.sent.filter((r: EngineRequest) => r.type !== 'load')).toEqual([]);
  });
});
