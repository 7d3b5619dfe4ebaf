// Undo and redo as pure functions of the history and the state now (tldraw keeps its HistoryManager apart the same way).
// The actions decide what is a step; these functions only say how the stacks move. Each returns the history it was
// given, unchanged, when nothing moves, so a caller can skip the store update.
import { sameCustomOffsets } from '../customAttributes/customAttributeSlice';
import type { EditorState, Face, Interpolation } from './editorStore';

/** What undo/redo restores. Arrays and faces are never mutated, so a snapshot is a few references. */
export interface Snapshot {
  face: Face | null;
  offsets: Float32Array;
  interpolation: Omit<Interpolation, 'playing'>;
  /** Custom attribute slider values (customAttributeSlice.ts); absent = none moved. */
  customOffsets?: EditorState['customOffsets'];
}

export interface History {
  past: Snapshot[];
  future: Snapshot[];
  /** The state when the current drag started; null between gestures. */
  gesture: Snapshot | null;
}

export const HISTORY_LIMIT = 100;

export const emptyHistory: History = { past: [], future: [], gesture: null };

export function snapshot(state: Pick<EditorState, 'face' | 'offsets' | 'interpolation' | 'customOffsets'>): Snapshot {
  const { a, b, t } = state.interpolation;
  return { face: state.face, offsets: state.offsets, interpolation: { a, b, t }, customOffsets: state.customOffsets };
}

export function sameSnapshot(x: Snapshot, y: Snapshot): boolean {
  return (
    x.face === y.face &&
    x.interpolation.a === y.interpolation.a &&
    x.interpolation.b === y.interpolation.b &&
    x.interpolation.t === y.interpolation.t &&
    x.offsets.length === y.offsets.length &&
    x.offsets.every((v, i) => v === y.offsets[i]) &&
    sameCustomOffsets(x.customOffsets, y.customOffsets)
  );
}

/** The state a snapshot brings back; playback stops. */
export function restore(
  s: Snapshot,
): Pick<EditorState, 'face' | 'offsets' | 'interpolation'> & Partial<Pick<EditorState, 'customOffsets'>> {
  const custom = s.customOffsets && { customOffsets: s.customOffsets };
  return { face: s.face, offsets: s.offsets, interpolation: { ...s.interpolation, playing: false }, ...custom };
}

function step(history: History, before: Snapshot): History {
  return { past: [...history.past, before].slice(-HISTORY_LIMIT), future: [], gesture: null };
}

/** After a change from `before` to `after`: one more undo step, or none while a drag is open or if nothing changed. */
export function commit(history: History, before: Snapshot, after: Snapshot): History {
  return history.gesture || sameSnapshot(before, after) ? history : step(history, before);
}

/** Opens a drag at `now`: everything until endGesture is one step. */
export function beginGesture(history: History, now: Snapshot): History {
  return history.gesture ? history : { past: history.past, future: history.future, gesture: now };
}

/** Closes the drag: one step if it ended somewhere other than where it began. */
export function endGesture(history: History, now: Snapshot): History {
  const { gesture } = history;
  if (!gesture) return history;
  return sameSnapshot(gesture, now)
    ? { past: history.past, future: history.future, gesture: null }
    : step(history, gesture);
}

/** One step back from `now`: the new history and what to restore, or null (nothing to undo, or a drag is open). */
export function undo(history: History, now: Snapshot): { history: History; restore: Snapshot } | null {
  const previous = history.past.at(-1);
  if (!previous || history.gesture) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [now, ...history.future], gesture: null },
    restore: previous,
  };
}

/** One step forward from `now`, or null (nothing to redo, or a drag is open). */
export function redo(history: History, now: Snapshot): { history: History; restore: Snapshot } | null {
  const next = history.future[0];
  if (!next || history.gesture) return null;
  return {
    history: { past: [...history.past, now].slice(-HISTORY_LIMIT), future: history.future.slice(1), gesture: null },
    restore: next,
  };
}

/** Swaps a face for an improved version of itself (same id) in every step, so undo comes back to the refined face. */
export function replaceFace(history: History, face: Face): History {
  const swap = (s: Snapshot): Snapshot => (s.face?.id === face.id ? { ...s, face } : s);
  return {
    past: history.past.map(swap),
    future: history.future.map(swap),
    gesture: history.gesture && swap(history.gesture),
  };
}
