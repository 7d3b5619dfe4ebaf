import { describe, expect, it } from 'vitest';
import type { Face } from './editorStore';
import * as history from './history';

const face = (id: number, v = 0): Face => ({
  id,
  latent: Float32Array.of(v, v),
  attributes: Float32Array.of(v),
  source: { kind: 'random', seed: id },
});
const at = (f: Face | null, offset = 0, t = 0.5): history.Snapshot => ({
  face: f,
  offsets: Float32Array.of(offset),
  interpolation: { a: null, b: null, t },
});

describe('history', () => {
  const f1 = face(1);

  it('adds one step per change and clears redo; no step when nothing changed', () => {
    const h = history.commit(history.emptyHistory, at(f1, 0), at(f1, 1));
    expect(h.past).toEqual([at(f1, 0)]);
    // Equal offsets in a new array are no change.
    expect(history.commit(h, at(f1, 1), at(f1, 1))).toBe(h);
    const undone = history.undo(h, at(f1, 1))!;
    expect(undone.history.future).toHaveLength(1);
    expect(history.commit(undone.history, at(f1, 0), at(f1, 2)).future).toEqual([]);
  });

  it('makes a drag one step, and none if it ends where it began', () => {
    let h = history.beginGesture(history.emptyHistory, at(f1, 0));
    expect(history.beginGesture(h, at(f1, 5))).toBe(h); // a second begin keeps the first start
    expect(history.commit(h, at(f1, 0), at(f1, 0.5))).toBe(h); // changes inside the drag are not steps
    h = history.endGesture(h, at(f1, 1));
    expect(h).toEqual({ past: [at(f1, 0)], future: [], gesture: null });
    const back = history.endGesture(history.beginGesture(h, at(f1, 1)), at(f1, 1));
    expect(back).toEqual(h);
    expect(history.endGesture(h, at(f1, 3))).toBe(h); // no drag open
  });

  it('undoes and redoes in order, and not during a drag', () => {
    let h = history.commit(history.emptyHistory, at(f1, 0), at(f1, 1));
    h = history.commit(h, at(f1, 1), at(f1, 2));
    const u1 = history.undo(h, at(f1, 2))!;
    expect(u1.restore).toEqual(at(f1, 1));
    const u2 = history.undo(u1.history, u1.restore)!;
    expect(u2.restore).toEqual(at(f1, 0));
    expect(history.undo(u2.history, u2.restore)).toBeNull();
    const r1 = history.redo(u2.history, u2.restore)!;
    expect(r1.restore).toEqual(at(f1, 1));
    expect(r1.history).toEqual(u1.history);
    expect(history.redo(history.beginGesture(u1.history, at(f1, 1)), at(f1, 1))).toBeNull();
    expect(history.undo(history.beginGesture(h, at(f1, 2)), at(f1, 2))).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    let h = history.emptyHistory;
    for (let i = 0; i < history.HISTORY_LIMIT + 5; i++) h = history.commit(h, at(f1, i), at(f1, i + 1));
    expect(h.past).toHaveLength(history.HISTORY_LIMIT);
    expect(h.past[0]).toEqual(at(f1, 5));
  });

  it('replaces a face in every step, the open drag included, and leaves other faces alone', () => {
    const f2 = face(2);
    let h = history.commit(history.emptyHistory, at(f1, 0), at(f2, 0));
    h = history.commit(h, at(f2, 0), at(f1, 0));
    h = history.undo(h, at(f1, 0))!.history;
    h = history.beginGesture(h, at(f1, 0));
    const refined = face(1, 0.7);
    const swapped = history.replaceFace(h, refined);
    expect(swapped.past.map((s) => s.face)).toEqual([refined]);
    expect(swapped.future.map((s) => s.face)).toEqual([refined]);
    expect(swapped.gesture?.face).toBe(refined);
    expect(history.replaceFace(h, face(3)).past[0]?.face).toBe(f1);
  });

  it('restores a snapshot with playback stopped', () => {
    const s = at(f1, 1, 0.25);
    expect(history.restore(s)).toEqual({
      face: f1,
      offsets: s.offsets,
      interpolation: { a: null, b: null, t: 0.25, playing: false },
    });
  });
});
