import { describe, expect, it, vi } from 'vitest';
import { EngineClient } from './engineClient';
import { EngineError, type EngineRequest, type LivePatch, type PhotoEvent } from '../protocol';
import { REST_MS } from './requestLine';
import { FakeTransport, fakeModel, readyClient } from './testing/fakeTransport';
import { testBitmap } from '../../testing/testBitmap';

const model = fakeModel;
const input = (v: number) => ({ latent: Float32Array.of(v, v), attributes: Float32Array.of(v) });

function answer(transport: FakeTransport, b = testBitmap()) {
  const r = transport.last();
  if (r.type === 'render') transport.emit({ type: 'frame', id: r.id, bitmap: b, renderMs: 1 });
  return b;
}

describe('EngineClient', () => {
  it('reports loading progress, then ready', () => {
    const transport = new FakeTransport();
    const client = new EngineClient(transport);
    const seen: string[] = [];
    client.onStatus((s) => seen.push(s.kind === 'loading' ? `${s.phase}:${s.progress}` : s.kind));
    client.load('/models/m/', 'auto');
    expect(transport.sent).toEqual([{ type: 'load', modelUrl: '/models/m/', backend: 'auto' }]);
    transport.emit({ type: 'progress', phase: 'download', progress: 0.5 });
    transport.emit({ type: 'progress', phase: 'warmup', progress: 1 });
    transport.emit({ type: 'ready', model, backend: 'wasm', candidates: { wasm: 3 } });
    expect(seen).toEqual(['download:0', 'download:0.5', 'warmup:1', 'ready']);
    expect(client.status).toMatchObject({ kind: 'ready', backend: 'wasm' });
  });

  it('holds frames until the model is ready', () => {
    const transport = new FakeTransport();
    const client = new EngineClient(transport);
    client.load('/m/', 'wasm');
    client.render(input(1));
    expect(transport.renders()).toHaveLength(0);
    transport.emit({ type: 'ready', model, backend: 'wasm', candidates: {} });
    expect(transport.renders()).toHaveLength(1);
  });

  it('keeps one frame in flight and lets the latest value win', () => {
    const { transport, client } = readyClient();
    const drawn: ImageBitmap[] = [];
    client.onFrame((b) => drawn.push(b));
    for (let v = 1; v <= 100; v++) client.render(input(v));
    expect(transport.renders()).toHaveLength(1); // only v=1 went out; 2..100 overwrote one pending slot
    answer(transport);
    const second = transport.renders();
    expect(second).toHaveLength(2);
    const last = second[1];
    expect(last?.type === 'render' && Array.from(last.latent)).toEqual([100, 100]);
    answer(transport);
    expect(transport.renders()).toHaveLength(2);
    expect(drawn).toHaveLength(2);
  });

  it('owns live bitmaps: each new frame closes the previous one', () => {
    const { transport, client } = readyClient();
    client.render(input(1));
    const first = answer(transport);
    client.render(input(2));
    const second = answer(transport);
    expect(first.closed).toBe(true);
    expect(client.latestFrame).toBe(second);
  });

  it('sends copies so callers may keep mutating their arrays', () => {
    const { transport, client } = readyClient();
    const i = input(3);
    client.render(i);
    i.latent[0] = 99;
    const sent = transport.last();
    expect(sent.type === 'render' && sent.latent[0]).toBe(3);
  });

  it('queues one-off frames and memory probes behind the live frame, never dropping them', async () => {
    const { transport, client } = readyClient();
    client.render(input(1));
    const thumb = client.renderOnce(input(7));
    const mem = client.memory();
    client.render(input(2));
    answer(transport); // live 1
    expect(transport.last()).toMatchObject({ type: 'render', latent: Float32Array.of(2, 2) });
    answer(transport); // live 2
    const b = answer(transport); // thumbnail
    const m = transport.last();
    expect(m.type).toBe('memory');
    transport.emit({ type: 'memory', id: m.type === 'memory' ? m.id : -1, numTensors: 42 });
    await expect(thumb).resolves.toBe(b);
    await expect(mem).resolves.toBe(42);
  });

  it('resolves whenIdle only after the last pending frame lands', async () => {
    const { transport, client } = readyClient();
    await client.whenIdle();
    client.render(input(1));
    client.render(input(2));
    let idle = false;
    void client.whenIdle().then(() => (idle = true));
    answer(transport);
    await Promise.resolve();
    expect(idle).toBe(false);
    answer(transport);
    await Promise.resolve();
    expect(idle).toBe(true);
  });

  it('turns engine errors into an error status and rejects one-off requests', async () => {
    const { transport, client } = readyClient();
    const thumb = client.renderOnce(input(1));
    const r = transport.last();
    transport.emit({ type: 'error', id: r.type === 'render' ? r.id : -1, code: 'render-failed', message: 'bad' });
    await expect(thumb).rejects.toBeInstanceOf(EngineError);
    expect(client.status.kind).toBe('ready'); // a failed thumbnail is not a failed app

    client.render(input(2));
    const live = transport.last();
    transport.emit({ type: 'error', id: live.type === 'render' ? live.id : -1, code: 'render-failed', message: 'oom' });
    expect(client.status).toEqual({ kind: 'error', code: 'render-failed', message: 'oom' });
  });

  it('reports a worker crash and fails everything in flight', async () => {
    const { transport, client } = readyClient();
    const mem = client.memory();
    transport.crash('boom');
    await expect(mem).rejects.toThrow('boom');
    expect(client.status).toMatchObject({ kind: 'error', code: 'worker-crashed' });
  });

  it('ignores frames for requests it did not send and closes them', () => {
    const { transport } = readyClient();
    const stray = testBitmap();
    transport.emit({ type: 'frame', id: 999, bitmap: stray, renderMs: 1 });
    expect(stray.closed).toBe(true);
  });

  it('pauses, steps and resumes the photo job at once (beside the frame queue), passing on each step and its loss', () => {
    const { transport, client } = readyClient();
    const seen: PhotoEvent[] = [];
    client.onPhoto((e) => seen.push(e));
    client.render(input(1)); // in flight: the photo controls do not wait for it
    client.pausePhoto();
    client.stepPhoto();
    client.resumePhoto();
    client.sliderPressed(true);
    client.sliderPressed(false);
    expect(transport.sent.slice(-5)).toEqual([
      { type: 'photo-pause' },
      { type: 'photo-advance' },
      { type: 'photo-resume' },
      { type: 'drag-start' },
      { type: 'drag-end' },
    ]);
    const step = { type: 'photo-step', id: 1, step: 1, maxSteps: 100, psnr: 18, loss: 0.06, ...input(2) } as const;
    transport.emit(step);
    expect(seen).toEqual([step]);
  });

  it('photo frames ride the latest-wins live path and give their buffers back; exports queue and are never dropped', async () => {
    const { transport, client } = readyClient();
    const drawn: LivePatch[] = [];
    client.onPhotoFrame((p) => drawn.push(p));
    client.render(input(1), true);
    client.render(input(2), true); // waits
    client.render(input(3), true); // replaces 2
    const full = testBitmap(3000, 2000);
    const exported = client.exportPhoto(input(3), full);
    const box = { x: 1, y: 2, width: 3, height: 4 };
    const patch = () => ({ width: 2, height: 1, data: new Uint8ClampedArray(8), box });
    const lastRender = () => transport.renders().at(-1)!;
    const idOf = (r: EngineRequest) => ('id' in r ? r.id : -1);
    expect(lastRender()).toMatchObject({ type: 'render', photo: true });
    const first = patch();
    transport.emit({ type: 'frame', id: idOf(lastRender()), bitmap: testBitmap(), renderMs: 1, photo: first });
    expect(transport.sent.some((r) => r.type === 'photo-buffer')).toBe(false); // still on screen
    const r = lastRender();
    expect(r.type === 'render' && r.latent[0]).toBe(3);
    const second = patch();
    transport.emit({ type: 'frame', id: idOf(r), bitmap: testBitmap(), renderMs: 1, photo: second });
    // Replaced: the first frame's buffer goes back to the engine, transferred.
    expect(transport.sent.filter((q) => q.type === 'photo-buffer')).toEqual([
      { type: 'photo-buffer', buffer: first.data.buffer },
    ]);
    expect(transport.transfers[transport.sent.findIndex((q) => q.type === 'photo-buffer')]).toEqual([
      first.data.buffer,
    ]);
    expect(client.latestPhotoFrame).toBe(second);
    const request = transport.sent.find((q) => q.type === 'photo-export')!;
    expect(request).toMatchObject({ type: 'photo-export', bitmap: full });
    const answer = testBitmap(600, 700);
    transport.emit({ type: 'photo-exported', id: idOf(request), bitmap: answer, box });
    await expect(exported).resolves.toEqual({ bitmap: answer, box });
    client.closePhoto();
    expect(transport.sent.slice(-2)).toEqual([
      { type: 'photo-buffer', buffer: second.data.buffer },
      { type: 'photo-close' },
    ]);
    expect(client.latestPhotoFrame).toBeNull();
    expect(drawn).toEqual([first, second]);
  });

  it('gives back the buffer of a photo frame that is not shown live', async () => {
    const { transport, client } = readyClient();
    const once = client.renderOnce(input(1), true);
    const r = transport.last();
    const photo = { width: 1, height: 1, data: new Uint8ClampedArray(4), box: { x: 0, y: 0, width: 1, height: 1 } };
    const bitmap = testBitmap();
    transport.emit({ type: 'frame', id: r.type === 'render' ? r.id : -1, bitmap, renderMs: 1, photo });
    await expect(once).resolves.toBe(bitmap);
    expect(transport.last()).toEqual({ type: 'photo-buffer', buffer: photo.data.buffer });
    expect(transport.transfers.at(-1)).toEqual([photo.data.buffer]);
    expect(client.latestPhotoFrame).toBeNull();
  });

  it("asks for a cached frame's exact frame once the slider rests, and counts it as work until then", async () => {
    vi.useFakeTimers();
    try {
      const { transport, client } = readyClient();
      const shown: (boolean | undefined)[] = [];
      client.onPhotoFrame((_p, info) => shown.push(info.approximate));
      client.render(input(1), true);
      const r = transport.last();
      const box = { x: 0, y: 0, width: 2, height: 2 };
      const photo = { width: 1, height: 1, data: new Uint8ClampedArray(4), box, approximate: true };
      transport.emit({ type: 'frame', id: r.type === 'render' ? r.id : -1, bitmap: testBitmap(), renderMs: 1, photo });
      let idle = false;
      void client.whenIdle().then(() => (idle = true));
      await vi.advanceTimersByTimeAsync(REST_MS);
      expect(idle).toBe(false);
      expect(transport.last()).toMatchObject({ type: 'render', photo: true, exact: true });
      answer(transport);
      await vi.advanceTimersByTimeAsync(0);
      expect(idle).toBe(true);
      expect(shown).toEqual([true]);
    } finally {
      vi.useRealTimers();
    }
  });
});
