import type { FrameInput } from '../../engine/protocol';
import { sampleGallery } from '../../latent/gallery';
import { effectRows, pixelChange, rankingInputs } from '../../latent/interventionRanking';
import type { EditorStore } from '../editor/editorStore';
import type { InterventionEngine } from './interventionActions';
import type { InterventionStore, Ranking, RankSettings } from './interventionStore';
import { selectHere } from '../latentMap/mapActions';
import { measuresPictures, readoutsOf, withMeasures, type PixelReader } from './readouts';
import { selectModel } from '../editor/selectors';

export type { PixelReader } from './readouts';

/** Dimensions per engine batch: each batch's rows join the table as it lands, and a cancel lands between batches. */
export const RANK_CHUNK_DIMS = 8;
/**
 * Side of the small frames whose pixel change scores "how much does this dimension change the picture"; models whose
 * pictures are measured (grey ones) are rendered at their own resolution instead, so the measures see every pixel.
 */
export const PICTURE_SIZE = 16;
/** Base faces are the gallery's seeds from here, so a ranking is the same on every device. */
export const RANK_FIRST_SEED = 1000;
export const MAX_RANK_FACES = 64;

/** `settings` made concrete for a latent of `size`: the number of dimensions and faces, within their ranges. */
export function resolveSettings(settings: RankSettings, size: number): RankSettings & { dims: number } {
  const whole = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  return {
    dims: settings.dims === null || !Number.isFinite(settings.dims) ? size : whole(settings.dims, 1, size),
    faces: Number.isFinite(settings.faces) ? whole(settings.faces, 1, MAX_RANK_FACES) : 8,
    amplitude: settings.amplitude > 0 && settings.amplitude <= 5 ? settings.amplitude : 2,
    ...(settings.keepAttributes ? { keepAttributes: true } : {}),
  };
}

/**
 * The ranking job: for the first `dims` latent dimensions, over `faces` seeded base faces, renders each face at ±a σ
 * with E_y's reading (and small frames when the page can read pixels: their change, and on grey models the picture's
 * measures), in chunks of RANK_CHUNK_DIMS dimensions, rows joining the table as they come. A finished ranking is kept for the session per model and settings; asking again
 * shows it at once.
 */
export function createRankRunner(
  editor: EditorStore,
  store: InterventionStore,
  engine: InterventionEngine,
  pixels?: PixelReader,
) {
  const { getState: get, setState: set } = store;
  const cache = new Map<string, Ranking>();
  let running: AbortController | null = null;

  async function run(): Promise<void> {
    const model = selectModel(editor.getState());
    if (!model) return;
    const settings = resolveSettings(get().settings, model.latent.size);
    const kept = settings.keepAttributes ? (selectHere(editor.getState())?.attributes.slice() ?? null) : null;
    const key = JSON.stringify([model.id, settings, kept && Array.from(kept)]);
    running?.abort();
    running = null;
    const cached = cache.get(key);
    if (cached) {
      set({ ranking: cached, rankStatus: { kind: 'done', ms: cached.ms ?? 0 } });
      return;
    }
    const controller = new AbortController();
    running = controller;
    const current = () => running === controller;
    const { faces, amplitude } = settings;
    const bases = sampleGallery(model, faces, RANK_FIRST_SEED).map((b) =>
      kept ? { ...b, attributes: kept.slice() } : b,
    );
    const dims = Array.from({ length: settings.dims }, (_, d) => d);
    const total = dims.length * faces * 2;
    const measured = measuresPictures(model, pixels);
    const size = measured ? model.resolution : pixels ? PICTURE_SIZE : 0;
    const readouts = readoutsOf(model, measured);
    let ranking: Ranking = { modelId: model.id, settings, attributes: kept, readouts, rows: [], ms: null };
    set({ ranking, rankStatus: { kind: 'running', done: 0, total } });
    const start = performance.now();
    try {
      for (let first = 0; first < dims.length; first += RANK_CHUNK_DIMS) {
        const chunk = dims.slice(first, first + RANK_CHUNK_DIMS);
        const before = first * faces * 2;
        const inputs: FrameInput[] = rankingInputs(chunk, bases, amplitude, model.latent);
        const { bitmaps, readings } = await engine.batch(inputs, {
          size,
          read: true,
          signal: controller.signal,
          onProgress: (done) => current() && set({ rankStatus: { kind: 'running', done: before + done, total } }),
        });
        let changes: number[] | undefined;
        let read = readings;
        try {
          if (measured) read = withMeasures(readings, bitmaps, pixels);
          if (pixels && bitmaps.length === inputs.length) {
            changes = Array.from({ length: inputs.length / 2 }, (_, p) =>
              pixelChange(pixels(bitmaps[2 * p]!), pixels(bitmaps[2 * p + 1]!)),
            );
          }
        } finally {
          for (const b of bitmaps) b.close();
        }
        if (!current()) return;
        ranking = { ...ranking, rows: [...ranking.rows, ...effectRows(chunk, faces, amplitude, read, changes)] };
        set({ ranking, rankStatus: { kind: 'running', done: before + inputs.length, total } });
      }
      ranking = { ...ranking, ms: performance.now() - start };
      cache.set(key, ranking);
      set({ ranking, rankStatus: { kind: 'done', ms: ranking.ms! } });
    } catch (e) {
      if (!current()) return;
      // A cancelled ranking keeps the rows it finished: they are correct, only fewer.
      set({
        rankStatus: controller.signal.aborted
          ? { kind: 'cancelled' }
          : { kind: 'error', message: `The ranking failed: ${(e as Error).message}` },
      });
    } finally {
      if (current()) running = null;
    }
  }

  return {
    /** Ranks the loaded model's dimensions with the store's settings (from the session's cache when already done). */
    run,
    /** Stops a ranking before its next chunk; the rows so far stay. */
    cancel(): void {
      running?.abort();
    },
  };
}
