import { describe, expect, it } from 'vitest';
import type { BatchOptions, BatchResult } from '../engine/client/engineClient';
import type { FrameInput } from '../engine/protocol';
import { testBitmap } from '../testing/testBitmap';
import type { EncodeEvent, EncodeRequest } from './encodeProtocol';
import { ExportCancelled, exportAnimation, type BatchEngine, type ExportPhase } from './exportAnimation';

const frames: FrameInput[] = Array.from({ length: 3 }, () => ({
  latent: new Float32Array(4),
  attributes: new Float32Array(1),
}));

/** An engine whose batch answers when the test says so, with bitmaps that show whether they were closed. */
class HeldEngine implements BatchEngine {
  bitmaps = frames.map(() => testBitmap(32, 32));
  options: BatchOptions | null = null;
  private answer: (() => void) | null = null;
  batch(_inputs: readonly FrameInput[], options: BatchOptions): Promise<BatchResult> {
    this.options = options;
    return new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      this.answer = () => {
        options.onProgress?.(3, 3);
        resolve({ bitmaps: this.bitmaps, readings: [], gradients: [] });
      };
    });
  }
  finish(): void {
    this.answer?.();
  }
}

/** The encoder's end of the worker boundary, driven by the test. */
class EncoderEnd {
  request: EncodeRequest | null = null;
  terminated = false;
  onmessage: ((e: MessageEvent<EncodeEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(request: EncodeRequest): void {
    this.request = request;
  }
  terminate(): void {
    this.terminated = true;
  }
  send(event: EncodeEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<EncodeEvent>);
  }
}

function start(options: { format?: 'gif' | 'webm'; signal?: AbortSignal } = {}) {
  const engine = new HeldEngine();
  const encoder = new EncoderEnd();
  const progress: [ExportPhase, number, number][] = [];
  const file = exportAnimation(
    engine,
    frames,
    {
      format: options.format ?? 'gif',
      size: 32,
      codec: 'vp9',
      signal: options.signal,
      onProgress: (...p) => progress.push(p),
    },
    () => encoder as unknown as Worker,
  );
  return { engine, encoder, progress, file };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('exportAnimation', () => {
  it('renders at the asked size, hands every frame to the encoder, reports both phases and gives the file', async () => {
    const { engine, encoder, progress, file } = start();
    expect(engine.options?.size).toBe(32);
    engine.finish();
    await settle();
    expect(encoder.request).toMatchObject({ type: 'encode', format: 'gif', fps: 20 });
    expect(encoder.request?.frames).toEqual(engine.bitmaps);
    encoder.send({ type: 'progress', done: 3, total: 3 });
    encoder.send({ type: 'done', bytes: new Uint8Array([71, 73, 70]).buffer });
    const blob = await file;
    expect(blob.type).toBe('image/gif');
    expect(blob.size).toBe(3);
    expect(progress).toEqual([
      ['render', 3, 3],
      ['encode', 3, 3],
    ]);
    expect(encoder.terminated).toBe(true);
  });

  it('cancelled while rendering: rejects as cancelled and never starts the encoder', async () => {
    const stop = new AbortController();
    const { encoder, file } = start({ signal: stop.signal });
    stop.abort();
    await expect(file).rejects.toBeInstanceOf(ExportCancelled);
    expect(encoder.request).toBeNull();
  });

  it('cancelled just as the frames arrive: closes them and starts no encoder', async () => {
    const stop = new AbortController();
    const { engine, encoder, file } = start({ signal: stop.signal });
    engine.finish();
    stop.abort();
    await expect(file).rejects.toBeInstanceOf(ExportCancelled);
    expect(engine.bitmaps.every((b) => b.closed)).toBe(true);
    expect(encoder.request).toBeNull();
  });

  it('cancelled while encoding: rejects as cancelled and stops the worker, which holds the frames', async () => {
    const stop = new AbortController();
    const { engine, encoder, file } = start({ signal: stop.signal });
    engine.finish();
    await settle();
    encoder.send({ type: 'progress', done: 1, total: 3 });
    stop.abort();
    await expect(file).rejects.toBeInstanceOf(ExportCancelled);
    expect(encoder.terminated).toBe(true);
  });

  it("explains an encoder's failure", async () => {
    const { engine, encoder, file } = start({ format: 'webm' });
    engine.finish();
    await settle();
    encoder.send({ type: 'error', message: 'codec closed' });
    await expect(file).rejects.toThrow('Could not encode the WebM: codec closed');
  });

  it('refuses WebM without a codec the browser supports', async () => {
    const engine = new HeldEngine();
    await expect(exportAnimation(engine, frames, { format: 'webm', size: 32 })).rejects.toThrow(/codec/);
    expect(engine.options).toBeNull();
  });
});
