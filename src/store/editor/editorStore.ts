import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { EngineStatus } from '../../engine/client/engineClient';
import type { GarmentFraming, PhotoDoneReason, PhotoFace } from '../../engine/protocol';
import { customAttributeSlice, type CustomAttributeSlice } from '../customAttributes/customAttributeSlice';
import { emptyHistory, type History } from './history';
import { presenterSlice, type PresenterSlice } from './presenter';
import { stepThroughSlice, type StepThroughSlice } from './stepThrough';

export type FaceSource =
  | { kind: 'random'; seed: number }
  | { kind: 'pasted' }
  | { kind: 'photo'; name: string }
  // The face the live camera found (its code when the mirror started): the sliders edit the video from it.
  | { kind: 'camera' }
  // Where a random walk from another face stopped.
  | { kind: 'walk'; seed: number }
  // A face picked from the Intervene view's sweep strip: its axis and value ("z12 = +1.50σ", "Smile = 2.00").
  | { kind: 'sweep'; label: string };

/** A face: an immutable latent with its own attribute values. Edits live beside it as offsets. */
export interface Face {
  id: number;
  latent: Float32Array;
  attributes: Float32Array;
  source: FaceSource;
}

export interface Interpolation {
  a: Face | null;
  b: Face | null;
  t: number;
  playing: boolean;
}

export type Notice = { kind: 'info' | 'error'; text: string } | null;

export interface ModelSlice {
  /** The engine's status as the engine client reports it. */
  status: EngineStatus;
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
export type HistorySlice = History;
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
  /** The photo as dropped, decoded again for the edited view and the full-size downloads. */
  file: Blob;
  width: number;
  height: number;
  faces: PhotoFace[];
  chosen: number;
  alignError: number | null;
  /**
   * The aligned crop the model inverts (256 px); for a garment picture, the framed picture at the model's resolution
   * (grey as R = G = B), exactly what is inverted. Owned here, closed when replaced.
   */
  crop: ImageBitmap | null;
  /** A garment picture: where the garment was found and whether the picture was negated (no faces then). */
  garment?: GarmentFraming;
  step: number;
  maxSteps: number;
  /** PSNR (dB) of the encoder's first result, and of the latest step. */
  firstPsnr: number | null;
  psnr: number | null;
  /** The refinement's loss at the latest step; null before the first report. */
  loss: number | null;
  reason: PhotoDoneReason | null;
  message: string | null;
  /** The engine job whose events this photo follows; events of any other job are stale. */
  job: number;
  /** The face this job has shown so far; each refinement step replaces it (same id). */
  face: Face | null;
}
export interface PhotoSlice {
  photo: PhotoState | null;
}
/** Watch it learn: which training snapshot's generator draws the face (index into ModelInfo.snapshots; null: final). */
export interface TimelineSlice {
  snapshot: number | null;
}

export type EditorState = ModelSlice &
  FaceSlice &
  CustomAttributeSlice &
  RecentSlice &
  InterpolationSlice &
  HistorySlice &
  CompareSlice &
  NoticeSlice &
  PhotoSlice &
  PresenterSlice &
  StepThroughSlice &
  TimelineSlice;
export type EditorStore = StoreApi<EditorState>;

type Slice<T> = StateCreator<EditorState, [], [], T>;

const modelSlice: Slice<ModelSlice> = () => ({ status: { kind: 'loading', phase: 'download', progress: 0 } });
const faceSlice: Slice<FaceSlice> = () => ({ face: null, offsets: new Float32Array(0) });
const recentSlice: Slice<RecentSlice> = () => ({ recent: [] });
const interpolationSlice: Slice<InterpolationSlice> = () => ({
  interpolation: { a: null, b: null, t: 0.5, playing: false },
});
const historySlice: Slice<HistorySlice> = () => emptyHistory;
const compareSlice: Slice<CompareSlice> = () => ({ comparing: false });
const noticeSlice: Slice<NoticeSlice> = () => ({ notice: null });
const photoSlice: Slice<PhotoSlice> = () => ({ photo: null });

export function createEditorStore(): EditorStore {
  return createStore<EditorState>()((...a) => ({
    ...modelSlice(...a),
    ...faceSlice(...a),
    ...customAttributeSlice(),
    ...recentSlice(...a),
    ...interpolationSlice(...a),
    ...historySlice(...a),
    ...compareSlice(...a),
    ...noticeSlice(...a),
    ...photoSlice(...a),
    ...presenterSlice(),
    ...stepThroughSlice(),
    snapshot: null,
  }));
}

export const RECENT_LIMIT = 8;
