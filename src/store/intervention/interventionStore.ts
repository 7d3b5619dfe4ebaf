import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LatentPoint } from '../../latent/attributeVector';
import type { SweepAxis } from '../../latent/intervention';
import type { EffectRow, RankKey } from '../../latent/interventionRanking';
import type { Readout } from './readouts';

/** A long job's state: running with `done` of `total` faces, or how it ended. */
export type JobStatus =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; ms: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** One sweep: the faces along an axis around the face it started from, and what E_y reads in each. */
export interface SweepResult {
  /** The model that drew it: a strip of another model is not shown. */
  modelId: string;
  axis: SweepAxis;
  /** A short name of the axis ("z 12", "Smile", "strongest z direction for Smile"). */
  label: string;
  /** Each step's value: σ from the base face on a latent axis, the entry's value on a condition axis. */
  values: number[];
  inputs: LatentPoint[];
  /** One frame per step; owned by this store, closed when the sweep is replaced or the store disposed. */
  bitmaps: ImageBitmap[];
  /** What each face was read for: E_y's entries, then on grey models the picture's measures. */
  readouts: Readout[];
  /** series[readout][step]: each readout along the strip (E_y's in the sliders' scale). */
  series: Float32Array[];
}

/** A step's value as people read it: σ from the face on a latent axis ("+1.50σ"), the entry's value on a condition ("0.50"). */
export function stepText(sweep: Pick<SweepResult, 'axis' | 'values'>, step: number): string {
  const v = sweep.values[step] ?? 0;
  if (sweep.axis.kind === 'condition') return v.toFixed(2);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(2)}σ`;
}

/**
 * How a ranking is measured: the first `dims` latent dimensions (null: all), over `faces` base faces, at ±amplitude σ.
 * The base faces' attributes are drawn as in training, or with `keepAttributes` all set to those on screen (on a
 * one-hot model: every base face of the class on screen, so a class's own properties, such as sleeves, are ranked).
 */
export interface RankSettings {
  dims: number | null;
  faces: number;
  amplitude: number;
  keepAttributes?: boolean;
}

export interface Ranking {
  modelId: string;
  settings: RankSettings;
  /** The attributes every base face had (keepAttributes), or null when they were drawn as in training. */
  attributes: Float32Array | null;
  /** What the rows' entries are (EffectRow.mean[i] is readouts[i]'s change per σ). */
  readouts: Readout[];
  /** In dimension order; grows chunk by chunk while the ranking runs. */
  rows: EffectRow[];
  /** How long it took; null while running or when it was cancelled part way. */
  ms: number | null;
}

export interface InterventionState {
  axis: SweepAxis;
  /** A latent sweep goes from -reach to +reach σ around the face. */
  reach: number;
  steps: number;
  sweepStatus: JobStatus;
  sweep: SweepResult | null;
  settings: RankSettings;
  rankStatus: JobStatus;
  ranking: Ranking | null;
  sortKey: RankKey;
}
export type InterventionStore = StoreApi<InterventionState>;

/** The full ranking: every dimension over 8 base faces at ±2 σ. */
export const DEFAULT_RANK_SETTINGS: RankSettings = { dims: null, faces: 8, amplitude: 2 };

export function createInterventionStore(): InterventionStore {
  return createStore<InterventionState>()(() => ({
    axis: { kind: 'dimension', index: 0 },
    reach: 3,
    steps: 9,
    sweepStatus: { kind: 'idle' },
    sweep: null,
    settings: DEFAULT_RANK_SETTINGS,
    rankStatus: { kind: 'idle' },
    ranking: null,
    sortKey: { kind: 'entry', index: 0 },
  }));
}
