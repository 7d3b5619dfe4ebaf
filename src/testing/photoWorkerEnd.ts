// Store tests of photos: the worker's end of a real EngineClient, a JPEG file's bytes as inspectBlob reads them, and a
// failed photo job's event.
import type { EngineTransport } from '../engine/client/engineClient';
import type { EngineEvent, EngineRequest, PhotoErrorCode, PhotoEvent } from '../engine/protocol';

/** The worker's end of the wire: keeps what the real client posts and lets the test answer as the worker would. */
export class WorkerEnd implements EngineTransport {
  requests: EngineRequest[] = [];
  send: (event: EngineEvent) => void = () => {};
  post(request: EngineRequest): void {
    this.requests.push(request);
  }
  listen(onEvent: (event: EngineEvent) => void): void {
    this.send = onEvent;
  }
  terminate(): void {}
  /** The id of the latest photo job the page started. */
  job(): number {
    const photos = this.requests.filter((r) => r.type === 'photo');
    return photos.at(-1)?.id ?? -1;
  }
}

/** A JPEG as inspectBlob reads it: start marker, a frame header with the size, and the end marker. */
export function jpeg(width: number, height: number, name = 'me.jpg'): File {
  const bytes = [0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  return new File([Uint8Array.from([...bytes, ...new Array<number>(20).fill(0), 0xff, 0xd9])], name);
}

/** A photo job's failure as the worker reports it (a 640 x 480 photo, no faces). */
export const photoError = (id: number, code: PhotoErrorCode, message: string): PhotoEvent => ({
  type: 'photo-error',
  id,
  code,
  message,
  faces: [],
  width: 640,
  height: 480,
});
