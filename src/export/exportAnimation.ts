// An animation to a file: the engine renders every frame (in chunks, live editing keeps priority), then a worker
// encodes them. Cancelling stops whichever is running and frees what it holds.
import type { BatchOptions, BatchResult } from '../engine/client/engineClient';
import type { FrameInput } from '../engine/protocol';
import { EXPORT_FPS } from './animation';
import { MIME, type EncodeEvent, type EncodeRequest, type ExportFormat } from './encodeProtocol';
import type { WebmCodec } from './webm';

export type ExportPhase = 'render' | 'encode';

export interface ExportOptions {
  format: ExportFormat;
  /** Frame side in pixels. */
  size: number;
  /** Needed for WebM: what webmSupport() found. */
  codec?: WebmCodec;
  signal?: AbortSignal;
  onProgress?: (phase: ExportPhase, done: number, total: number) => void;
}

export interface BatchEngine {
  batch(inputs: readonly FrameInput[], options: BatchOptions): Promise<BatchResult>;
}

/** Starts an encoder worker; the app's is a module worker from our own origin (CSP worker-src 'self'). */
export type EncoderFactory = () => Worker;
const encoderWorker: EncoderFactory = () =>
  new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module', name: 'export-encoder' });

/** Thrown when the caller's signal stops an export. */
export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
  constructor() {
    super('Export cancelled.');
  }
}

/** Renders `frames` and encodes them as `options.format`; resolves with the file. */
export async function exportAnimation(
  engine: BatchEngine,
  frames: readonly FrameInput[],
  options: ExportOptions,
  startEncoder: EncoderFactory = encoderWorker,
): Promise<Blob> {
  const { format, size, signal, onProgress } = options;
  if (format === 'webm' && !options.codec) throw new Error('WebM export needs a codec this browser supports.');
  if (signal?.aborted) throw new ExportCancelled();
  let bitmaps: ImageBitmap[];
  try {
    ({ bitmaps } = await engine.batch(frames, {
      size,
      signal,
      onProgress: (done, total) => onProgress?.('render', done, total),
    }));
  } catch (error) {
    throw signal?.aborted ? new ExportCancelled() : error;
  }
  if (signal?.aborted) {
    bitmaps.forEach((b) => b.close());
    throw new ExportCancelled();
  }
  const request: EncodeRequest = {
    type: 'encode',
    format,
    fps: EXPORT_FPS,
    codec: options.codec ?? 'vp9',
    frames: bitmaps,
  };
  const bytes = await encode(startEncoder(), request, signal, (done, total) => onProgress?.('encode', done, total));
  return new Blob([bytes], { type: MIME[format] });
}

/** Encodes `frames` (transferred: the encoder closes them) as a file at `fps`, e.g. a recorded camera clip. */
export async function encodeFrames(
  frames: ImageBitmap[],
  format: ExportFormat,
  fps: number,
  codec: WebmCodec,
  startEncoder: EncoderFactory = encoderWorker,
): Promise<Blob> {
  const request: EncodeRequest = { type: 'encode', format, fps, codec, frames };
  const bytes = await encode(startEncoder(), request, undefined, () => undefined);
  return new Blob([bytes], { type: MIME[format] });
}

function encode(
  worker: Worker,
  request: EncodeRequest,
  signal: AbortSignal | undefined,
  onProgress: (done: number, total: number) => void,
): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      // The worker frees the frames it was given, also when terminated mid-way (its memory goes with it).
      worker.terminate();
    };
    const onAbort = () => {
      finish();
      reject(new ExportCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<EncodeEvent>) => {
      const event = e.data;
      switch (event.type) {
        case 'progress':
          onProgress(event.done, event.total);
          return;
        case 'done':
          finish();
          resolve(event.bytes);
          return;
        case 'error':
          finish();
          reject(new Error(`Could not encode the ${request.format === 'gif' ? 'GIF' : 'WebM'}: ${event.message}`));
          return;
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`The export encoder stopped: ${e.message || 'worker error'}`));
    };
    worker.postMessage(request, request.frames);
  });
}
