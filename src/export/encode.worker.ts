// Encodes an exported animation off the page's thread: GIF quantisation of 60 frames at 256 px is seconds of work.
import type { EncodeEvent, EncodeRequest } from './encodeProtocol';
import { GifWriter } from './gif';
import { WebmWriter } from './webm';

const post = (event: EncodeEvent, transfer: Transferable[] = []) => self.postMessage(event, { transfer });

self.onmessage = async (e: MessageEvent<EncodeRequest>) => {
  const { format, fps, codec, frames } = e.data;
  try {
    const bytes = format === 'gif' ? encodeGif(frames, fps) : await encodeWebm(frames, fps, codec);
    post({ type: 'done', bytes }, [bytes]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    for (const frame of frames) frame.close();
  }
};

function encodeGif(frames: ImageBitmap[], fps: number): ArrayBuffer {
  const writer = new GifWriter(fps);
  const first = frames[0];
  if (!first) throw new Error('nothing to encode');
  const canvas = new OffscreenCanvas(first.width, first.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas in this worker');
  for (const [i, frame] of frames.entries()) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(frame, 0, 0);
    writer.add(ctx.getImageData(0, 0, canvas.width, canvas.height));
    frame.close();
    post({ type: 'progress', done: i + 1, total: frames.length });
  }
  const bytes = writer.finish();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function encodeWebm(frames: ImageBitmap[], fps: number, codec: EncodeRequest['codec']): Promise<ArrayBuffer> {
  const writer = new WebmWriter(fps, codec);
  try {
    for (const [i, frame] of frames.entries()) {
      await writer.add(frame);
      frame.close();
      post({ type: 'progress', done: i + 1, total: frames.length });
    }
    return await writer.finish();
  } catch (error) {
    await writer.cancel().catch(() => {});
    throw error;
  }
}
