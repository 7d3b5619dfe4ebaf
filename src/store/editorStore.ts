import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { BackendName, EngineErrorCode, LoadPhase, ModelInfo, PhotoDoneReason, PhotoFace } from '../engine/protocol';

export type FaceSource = { kind: 'random'; seed: number } | { kind: 'pasted' } | { kind: 'photo'; name: string };

/** A face: an immutable latent with its own attribute values. Edits live beside it as offsets. */
export interface Face {
  id: number;
  latent: Float32Array;
  attributes: Float32Array;
  source: FaceSource;
}

export type ModelStatus =
  | { kind: 'loading'; phase: LoadPhase; progress: number }
  | { kind: 'ready'; backend: BackendName; model: ModelInfo; candidates: Partial<Record<BackendName, number>> }
  | { kind: 'error'; code: EngineErrorCode; message: string };

export interface Interpolation {
  a: Face | null;
  b: Face | null;
  t: number;
  playing: boolean;
}

/** What undo/redo restores. Arrays and faces are never mutated, so a snapshot is a few references. */
export interface Snapshot {
  face: Face | null;
  offsets: Float32Array;
  interpolation: Omit<Interpolation, 'playing'>;
}

export type Notice = { kind: 'info' | 'error'; text: string } | null;

export interface ModelSlice {
  status: ModelStatus;
}
export interface FaceSlice {
  face: Face | null;
  /** Slider edits on top of the face's own attributes, one per manifest attribute. */
  offsets: Float32Array;
}
export interface RecentSlice {
  recent: Face[];
}
export interface InterpolationSlice {
  interpolation: Interpolation;
}
export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /** The state when the current drag started; null between gestures. */
  gesture: Snapshot | null;
}
export interface CompareSlice {
  comparing: boolean;
}
export interface NoticeSlice {
  notice: Notice;
}

export interface PhotoState {
  phase: 'detecting' | 'refining' | 'done' | 'no-face' | 'failed';
  name: string;
  /** An object URL of the photo as dropped, for display; revoked when replaced. */
  url: string;
  width: number;
  height: number;
  faces: PhotoFace[];
  chosen: number;
  alignError: number | null;
  /** The aligned crop the model inverts (256 px); owned here, closed when replaced. */
  crop: ImageBitmap | null;
  step: number;
  maxSteps: number;
  /** PSNR (dB) of the encoder's first result, and of the latest step. */
  firstPsnr: number | null;
  psnr: number | null;
  reason: PhotoDoneReason | null;
  message: string | null;
}
export interface PhotoSlice {
  photo: PhotoState | null;
}

export type EditorState = ModelSlice &
  FaceSlice &
  RecentSlice &
  InterpolationSlice &
  HistorySlice &
  CompareSlice &
  NoticeSlice &
  PhotoSlice;
export type EditorStore = StoreApi<EditorState>;

type Slice<T> = StateCreator<EditorState, [], [], T>;

const modelSlice: Slice<ModelSlice> = () => ({ status: { kind: 'loading', phase: 'download', progress: 0 } });
const faceSlice: Slice<FaceSlice> = () => ({ face: null, offsets: new Float32Array(0) });
const recentSlice: Slice<RecentSlice> = () => ({ recent: [] });
const interpolationSlice: Slice<InterpolationSlice> = () => ({
  interpolation: { a: null, b: null, t: 0.5, playing: false },
});
const historySlice: Slice<HistorySlice> = () => ({ past: [], future: [], gesture: null });
const compareSlice: Slice<CompareSlice> = () => ({ comparing: false });
const noticeSlice: Slice<NoticeSlice> = () => ({ notice: null });
const photoSlice: Slice<PhotoSlice> = () => ({ photo: null });

export function createEditorStore(): EditorStore {
  return createStore<EditorState>()((...a) => ({
    ...modelSlice(...a),
    ...faceSlice(...a),
    ...recentSlice(...a),
    ...interpolationSlice(...a),
    ...historySlice(...a),
    ...compareSlice(...a),
    ...noticeSlice(...a),
    ...photoSlice(...a),
  }));
}

export const RECENT_LIMIT = 8;
export const HISTORY_LIMIT = 100;
