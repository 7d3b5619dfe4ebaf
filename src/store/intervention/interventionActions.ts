import type { FrameInput } from '../../engine/protocol';
import { readingSeries, sweepInputs, sweepValues, type SweepAxis } from '../../latent/intervention';
import { strongestDirection, type RankKey } from '../../latent/interventionRanking';
import type { EditorActions } from '../editor/actions';
import type { EditorStore } from '../editor/editorStore';
import { stepText, type InterventionStore, type JobStatus, type RankSettings } from './interventionStore';
import { selectHere } from '../latentMap/mapActions';
import { createRankRunner } from './rankRunner';
import { measuresPictures, readoutsOf, withMeasures, type PixelReader, type Readout } from './readouts';
import { selectModel } from '../editor/selectors';

/** The part of the engine interventions need: a batch of faces rendered, and read by E_y, in chunks. */
export interface InterventionEngine {
  batch(
    inputs: readonly FrameInput[],
    options: {
      size: number;
      read?: boolean;
      signal?: AbortSignal;
      onProgress?: (done: number, total: number) => void;
    },
  ): Promise<{ bitmaps: ImageBitmap[]; readings: Float32Array[] }>;
}

/** Frame side of the sweep strip's faces (px). */
export const SWEEP_SIZE = 64;
export const MAX_SWEEP_STEPS = 25;
export const MAX_REACH = 5;

export type InterventionActions = ReturnType<typeof createInterventionActions>;

/** A short name of a sweep axis, for the strip and its labels. */
export function axisLabel(axis: SweepAxis, attributes: readonly { label: string }[]): string {
  switch (axis.kind) {
    case 'dimension':
      return `z${axis.index}`;
    case 'condition':
      return attributes[axis.index]?.label ?? `y${axis.index}`;
    case 'direction':
      return axis.label;
  }
}

/** The name of the measured direction in z that raises readout `entry` (see sweepStrongest). */
export function towardsLabel(readouts: readonly Pick<Readout, 'label'>[], entry: number): string {
  return `z towards ${readouts[entry]?.label ?? `y${entry}`}`;
}

/**
 * Interventions on the face on screen: sweep one latent dimension, direction or attribute and read what changes, and
 * rank every dimension by what it does (rankRunner.ts). Picking a face of the strip makes it current through the
 * editor's own action, so it is one undo step like any new face. `pixels` (the page's way to read a small bitmap)
 * adds a picture-change column to the ranking, and on grey models the picture's measures to sweeps and rankings.
 */
export function createInterventionActions(
  editor: EditorStore,
  store: InterventionStore,
  engine: InterventionEngine,
  actions: EditorActions,
  pixels?: PixelReader,
) {
  const { getState: get, setState: set } = store;
  let sweeping: AbortController | null = null;
  const ranker = createRankRunner(editor, store, engine, pixels);

  function closeSweep(): void {
    for (const b of get().sweep?.bitmaps ?? []) b.close();
  }

  async function sweep(): Promise<void> {
    const state = editor.getState();
    const model = selectModel(state);
    const here = selectHere(state);
    if (!model || !here) return;
    const { axis, reach, steps } = get();
    let values: number[];
    let inputs: FrameInput[];
    try {
      values = sweepValues(axis, reach, steps, model.attributes);
      inputs = sweepInputs(here, axis, values, model.latent);
    } catch (e) {
      set({ sweepStatus: { kind: 'error', message: `Cannot sweep that: ${(e as Error).message}.` } });
      return;
    }
    sweeping?.abort();
    const controller = new AbortController();
    sweeping = controller;
    const current = () => sweeping === controller;
    const start = performance.now();
    const measured = measuresPictures(model, pixels);
    const readouts = readoutsOf(model, measured);
    set({ sweepStatus: { kind: 'running', done: 0, total: inputs.length } });
    try {
      const { bitmaps, readings } = await engine.batch(inputs, {
        size: SWEEP_SIZE,
        read: true,
        signal: controller.signal,
        onProgress: (done, total) => current() && set({ sweepStatus: { kind: 'running', done, total } }),
      });
      if (!current()) {
        for (const b of bitmaps) b.close();
        return;
      }
      let series: Float32Array[];
      try {
        series = readingSeries(measured ? withMeasures(readings, bitmaps, pixels) : readings, readouts.length);
      } catch (e) {
        for (const b of bitmaps) b.close();
        throw e;
      }
      closeSweep();
      set({
        sweep: {
          modelId: model.id,
          axis,
          label: axisLabel(axis, model.attributes),
          values,
          inputs,
          bitmaps,
          readouts,
          series,
        },
        sweepStatus: { kind: 'done', ms: performance.now() - start },
      });
    } catch (e) {
      if (!current()) return;
      const status: JobStatus = controller.signal.aborted
        ? { kind: 'cancelled' }
        : { kind: 'error', message: `The sweep failed: ${(e as Error).message}` };
      set({ sweepStatus: status });
    } finally {
      if (current()) sweeping = null;
    }
  }

  return {
    /** Chooses what the next sweep moves. */
    setAxis(axis: SweepAxis): void {
      set({ axis });
    },
    /** Sets the sweep's reach (σ each way, clamped to (0, MAX_REACH]) and its number of faces (2 to MAX_SWEEP_STEPS). */
    setRange(reach: number, steps: number): void {
      if (!Number.isFinite(reach) || !Number.isFinite(steps)) return;
      set({
        reach: Math.min(MAX_REACH, Math.max(0.25, reach)),
        steps: Math.min(MAX_SWEEP_STEPS, Math.max(2, Math.round(steps))),
      });
    },
    /** Renders the faces along the chosen axis around the face on screen (with its edits) and reads each with E_y. */
    sweep,
    /** Sweeps latent dimension `index` (a ranking row's "show me"). */
    sweepDimension(index: number): Promise<void> {
      set({ axis: { kind: 'dimension', index } });
      return sweep();
    },
    /**
     * Sweeps the direction in z that the ranking says raises readout `entry` fastest (each dimension weighted by its
     * measured effect); does nothing before a ranking of the loaded model.
     */
    sweepStrongest(entry: number): Promise<void> {
      const model = selectModel(editor.getState());
      const ranking = get().ranking;
      if (!model || !ranking || ranking.modelId !== model.id) return Promise.resolve();
      const vector = strongestDirection(ranking.rows, entry, model.latent.size);
      const label = towardsLabel(ranking.readouts, entry);
      if (!vector) {
        set({ sweepStatus: { kind: 'error', message: `No measured dimension moves ${label}.` } });
        return Promise.resolve();
      }
      set({ axis: { kind: 'direction', vector, label } });
      return sweep();
    },
    /** Makes face `step` of the strip current (one undo step; it joins the recent faces). */
    pickStep(step: number): void {
      const sweep = get().sweep;
      const input = sweep?.inputs[step];
      if (!sweep || !input) return;
      actions.showFace({
        latent: input.latent.slice(),
        attributes: input.attributes.slice(),
        source: { kind: 'sweep', label: `${sweep.label} = ${stepText(sweep, step)}` },
      });
    },
    /** Changes how the next ranking is measured (see RankSettings); a ranking already made stays cached. */
    setRankSettings(settings: Partial<RankSettings>): void {
      set({ settings: { ...get().settings, ...settings } });
    },
    rank: ranker.run,
    cancelRank: ranker.cancel,
    sortBy(sortKey: RankKey): void {
      set({ sortKey });
    },
    /** Stops both jobs and closes the strip's bitmaps. */
    dispose(): void {
      sweeping?.abort();
      sweeping = null;
      ranker.cancel();
      closeSweep();
      set({ sweep: null, sweepStatus: { kind: 'idle' } });
    },
  };
}
