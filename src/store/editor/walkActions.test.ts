import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchResult, EngineStatus } from '../../engine/client/engineClient';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { LatentWalk, WALK_KEYS_PER_SECOND } from '../../latent/walk';
import { createActions, type EditorActions } from './actions';
import { createEditorStore, type EditorStore } from './editorStore';
import type { EditorEngine } from './engineSync';
import { selectAttributeValues } from './selectors';
import { createWalkController, type WalkController, type WalkStop } from './walkActions';

const model: ModelInfo = {
  id: 'test-model',
  name: 'Test',
  resolution: 4,
  latent: { size: 8, mean: 0, std: 1 },
  attributes: [{ name: 'Smiling', label: 'Smile', min: -2, max: 2, default: -1, off: -1, on: 1 }],
};

class RecordingEngine implements EditorEngine {
  frames: FrameInput[] = [];
  load(): void {}
  render(input: FrameInput): void {
    this.frames.push(input);
  }
  onStatus(listener: (s: EngineStatus) => void) {
    listener({ kind: 'ready', backend: 'wasm', model, candidates: {} });
    return () => {};
  }
  batch(): Promise<BatchResult> {
    return Promise.reject(new Error('no batches here'));
  }
}

let store: EditorStore;
let engine: RecordingEngine;
let actions: EditorActions;
let walk: WalkController;
let ends: WalkStop[];

beforeEach(() => {
  store = createEditorStore();
  engine = new RecordingEngine();
  actions = createActions(store, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 5 });
  ends = [];
  walk = createWalkController(store, actions, (why) => ends.push(why));
});

describe('walk on the main canvas', () => {
  it('drives the face live along the seeded walk from the face on screen, edits kept', () => {
    actions.setAttribute(0, 1.5);
    const start = store.getState().face!;
    const pastBefore = store.getState().past.length;
    expect(walk.start(77)).toBe(true);
    const path = new LatentWalk(77, model.latent, start.latent);
    for (const s of [0.5, 1, 2.5]) {
      walk.moveTo(s);
      expect(store.getState().face!.latent).toEqual(path.at(s * WALK_KEYS_PER_SECOND));
      expect(Array.from(selectAttributeValues(store.getState())!)).toEqual([1.5]);
      expect(engine.frames.at(-1)!.latent).toEqual(path.at(s * WALK_KEYS_PER_SECOND));
    }
    // No history while walking.
    expect(store.getState().past).toHaveLength(pastBefore);
    expect(walk.walking).toBe(true);
  });

  it('stopping leaves the face reached, in the recent strip, and one undo goes back to before the walk', () => {
    actions.setAttribute(0, 1.5);
    const before = store.getState();
    walk.start(3);
    walk.moveTo(1);
    walk.moveTo(2);
    const reached = store.getState().face!.latent;
    walk.stop();
    const after = store.getState();
    expect(ends).toEqual(['stopped']);
    expect(after.face!.latent).toEqual(reached);
    expect(after.face!.id).toBeGreaterThan(0);
    expect(after.face!.source).toEqual({ kind: 'walk', seed: 3 });
    expect(after.recent[0]).toBe(after.face);
    expect(after.past).toHaveLength(before.past.length + 1);
    expect(after.gesture).toBeNull();
    actions.undo();
    expect(store.getState().face).toBe(before.face);
    expect(store.getState().offsets).toBe(before.offsets);
    actions.redo();
    expect(store.getState().face).toBe(after.face);
  });

  it('a walk stopped before it moved changes nothing', () => {
    const before = store.getState();
    walk.start(3);
    walk.stop();
    expect(store.getState().face).toBe(before.face);
    expect(store.getState().past).toHaveLength(before.past.length);
    expect(store.getState().recent).toEqual(before.recent);
  });

  it('gives way when another face is picked, and that pick is the one undo step', () => {
    actions.newRandomFace(9);
    const other = store.getState().face!;
    actions.pickFace(store.getState().recent[1]!.id);
    const before = store.getState();
    walk.start(4);
    walk.moveTo(1);
    actions.pickFace(other.id);
    walk.moveTo(2);
    expect(ends).toEqual(['interrupted']);
    expect(walk.walking).toBe(false);
    expect(store.getState().face).toBe(other);
    expect(store.getState().past).toHaveLength(before.past.length + 1);
    actions.undo();
    expect(store.getState().face).toBe(before.face);
  });

  it('stops an interpolation that was playing and starts from its mix', () => {
    actions.newRandomFace(9);
    const [b, a] = store.getState().recent;
    actions.setEndpoint('a', a!.id);
    actions.setEndpoint('b', b!.id);
    actions.setPlaying(true);
    walk.start(1);
    expect(store.getState().interpolation).toMatchObject({ a: null, b: null, playing: false });
    expect(walk.start(2)).toBe(false);
  });
});
