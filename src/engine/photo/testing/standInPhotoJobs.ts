// For PhotoJobs tests: jobs on the real model whose only stand-ins are alignment and the photo's pixels (both need
// OffscreenCanvas, absent in Node). The aligner hands back a face the generator made.
import type { AlignedPhoto } from '../alignPhoto';
import type { DetectedFace } from '../faceDetector';
import { DEFAULT_REFINE, type RefineOptions } from '../inversion';
import type { RegionReader } from '../regionReader';
import { PhotoJobs, type Aligner, type LoadedModel } from '../photoJobs';
import type { PhotoEvent, PhotoRequest } from '../../protocol';
import { TestBitmap } from '../../../testing/testBitmap';

export const face = (x: number): DetectedFace => ({
  box: { x, y: 10, width: 100, height: 100 },
  score: 0.9,
  landmarks: { leftEye: [0, 0], rightEye: [1, 0], nose: [0.5, 0.5], mouthLeft: [0, 1], mouthRight: [1, 1] },
});

/** The photo's pixels, for the edit (decoding needs OffscreenCanvas): mid gray. */
const gray: RegionReader = (_bitmap, _box, width, height) => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(128),
});

export const FAST: RefineOptions = { ...DEFAULT_REFINE, steps: 4, reportEvery: 2, patience: 100, minGain: 0 };

interface AlignCall {
  bitmap: ImageBitmap;
  opts: Parameters<Aligner>[3];
}

/**
 * Jobs whose aligner finds two faces in any photo and aligns `target` (or throws `alignFails`), recording calls,
 * events and transfers; `run` uses `opts` (FAST unless told).
 */
export function photoJobsHarness(
  engine: () => LoadedModel,
  target: () => Float32Array,
  { alignFails, opts = FAST }: { alignFails?: Error; opts?: RefineOptions } = {},
) {
  const events: PhotoEvent[] = [];
  const transfers: Transferable[][] = [];
  const calls: AlignCall[] = [];
  const previews: TestBitmap[] = [];
  let onEvent: (e: PhotoEvent) => void = () => {};
  const align: Aligner = async (_model, photo, _base, alignOpts) => {
    calls.push({ bitmap: photo, opts: alignOpts });
    if (alignFails) throw alignFails;
    const preview = new TestBitmap(256, 256);
    previews.push(preview);
    const aligned: AlignedPhoto = {
      faces: alignOpts.faces ?? [face(10), face(300)],
      chosen: alignOpts.faceIndex ?? 0,
      target: target(),
      preview: preview as unknown as ImageBitmap,
      alignError: 0.5,
      transform: { a: 0.2, b: 0, tx: -10, ty: -5 }, // the crop is the 320 px square at (50, 25)
    };
    return aligned;
  };
  const jobs = new PhotoJobs(
    (event, transfer = []) => {
      events.push(event);
      transfers.push(transfer);
      onEvent(event);
    },
    align,
    gray,
  );
  const run = (req: Omit<PhotoRequest, 'type'>) => jobs.run(engine(), { type: 'photo', ...req }, opts);
  const of = (id: number) => events.filter((e) => e.id === id);
  return { jobs, run, events, transfers, calls, previews, of, react: (f: (e: PhotoEvent) => void) => (onEvent = f) };
}
