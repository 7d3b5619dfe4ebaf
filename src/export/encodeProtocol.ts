// The vocabulary between the page and the export encoder worker.
import type { WebmCodec } from './webm';

export type ExportFormat = 'gif' | 'webm';

export const MIME: Record<ExportFormat, string> = { gif: 'image/gif', webm: 'video/webm' };

/** The frames are transferred: the worker closes each once encoded. */
export type EncodeRequest = {
  type: 'encode';
  format: ExportFormat;
  fps: number;
  codec: WebmCodec;
  frames: ImageBitmap[];
};

export type EncodeEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bytes: ArrayBuffer }
  | { type: 'error'; message: string };
