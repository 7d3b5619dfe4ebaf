import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchResult, EngineStatus } from '../../engine/client/engineClient';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { randomLatent } from '../../latent/random';
import { createActions } from './actions';
import { createEditorStore, RECENT_LIMIT, type EditorStore } from './editorStore';
import type { EditorEngine } from './engineSync';
import { selectAttributeValues, selectFrameInput } from './selectors';

const model: ModelInfo = {
  id: 'test-model',
  name: 'Test',
  resolution: 4,
  latent: { size: 8, mean: 0, std: 1 },
  attributes: [
    { name: 'Smiling', label: 'Smile', min: -2, max: 2, default: -1, off: -1, on: 1 },
    { name: 'Male', label: 'Male', min: -2, max: 2, default: 1, off: -1, on: 1 },
  ],
};

/** Records what the store asks of the engine; status changes are pushed by the test. */
class RecordingEngine implements EditorEngine {
  loads = 0;
  frames: FrameInput[] = [];
  private listener: (s: EngineStatus) => void = () => {};
  load(): void {
    this.loads++;
  }
  render(input: FrameInput): void {
    this.frames.push(input);
  }
  onStatus(listener: (s: EngineStatus) => void) {
    this.listener = listener;
    return () => {};
  }
  push(status: EngineStatus): void {
    this.listener(status);
  }
  batch(): Promise<BatchResult> {
    return Promise.reject(new Error('no batches in these tests'));
  }
}

let store: EditorStore;
let engine: RecordingEngine;
let actions: ReturnType<typeof createActions>;
const values = () => Array.from(selectAttributeValues(store.getState()) ?? []);
const ready = () => engine.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });

beforeEach(() => {
  store = createEditorStore();
  engine = new RecordingEngine();
  actions = createActions(store, engine, { modelUrl: '/models/test/', backend: 'wasm', firstSeed: () => 11 });
  actions.start();
  ready();
});

describe('model status', () => {
  it('follows the engine through loading, ready and error, and retries', () => {
    const s = createEditorStore();
    const e = new RecordingEngine();
    const a = createActions(s, e, { modelUrl: '/m/', backend: 'auto' });
    a.start();
    expect(e.loads).toBe(1);
    e.push({ kind: 'loading', phase: 'warmup', progress: 0.5 });
    expect(s.getState().status).toEqual({ kind: 'loading', phase: 'warmup', progress: 0.5 });
    e.push({ kind: 'error', code: 'model-not-found', message: 'HTTP 404' });
    expect(s.getState().status).toEqual({ kind: 'error', code: 'model-not-found', message: 'HTTP 404' });
    a.retry();
    expect(e.loads).toBe(2);
  });

  it('draws a first face from the seed once ready', () => {
    const face = store.getState().face;
    expect(face?.source).toEqual({ kind: 'random', seed: 11 });
    expect(face?.latent).toEqual(randomLatent(11, model.latent));
    expect(values()).toEqual([-1, 1]);
    expect(engine.frames).toHaveLength(1);
    expect(store.getState().past).toHaveLength(0); // the first face is not an undo step
  });

  it('re-renders the kept face after a retry', () => {
    const face = store.getState().face;
    engine.push({ kind: 'error', code: 'render-failed', message: 'x' });
    ready();
    expect(store.getState().face).toBe(face);
    expect(engine.frames.at(-1)?.latent).toEqual(face?.latent);
  });
});

describe('faces', () => {
  it('reproduces a face from its seed', () => {
    actions.newRandomFace(5);
    const first = store.getState().face!.latent;
    actions.newRandomFace(6);
    actions.newRandomFace(5);
    expect(store.getState().face!.latent).toEqual(first);
  });

  it('keeps a small recent strip, newest first', () => {
    for (let seed = 0; seed < RECENT_LIMIT + 3; seed++) actions.newRandomFace(seed);
    const { recent } = store.getState();
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]?.source).toEqual({ kind: 'random', seed: RECENT_LIMIT + 2 });
  });

  it('picks a recent face without its edits', () => {
    const first = store.getState().face!;
    actions.setAttribute(0, 1.5);
    actions.newRandomFace(99);
    actions.pickFace(first.id);
    expect(store.getState().face).toBe(first);
    expect(values()).toEqual([-1, 1]);
  });
});

describe('attributes', () => {
  it('sets, clamps and resets each slider exactly', () => {
    const before = selectFrameInput(store.getState())!;
    actions.setAttribute(0, 0.5);
    actions.setAttribute(1, 9);
    expect(values()).toEqual([0.5, 2]);
    actions.resetAttribute(0);
    expect(values()).toEqual([-1, 2]);
    actions.resetAll();
    expect(selectFrameInput(store.getState())).toEqual(before);
  });

  it('sends every change to the engine with the edited values', () => {
    actions.setAttribute(0, 1);
    expect(Array.from(engine.frames.at(-1)!.attributes)).toEqual([1, 1]);
  });

  it('asks for no frame when a value is set again unchanged', () => {
    actions.setAttribute(0, 0.5);
    const frames = engine.frames.length;
    actions.setAttribute(0, 0.5);
    actions.resetAttribute(1);
    actions.setT(store.getState().interpolation.t);
    expect(engine.frames).toHaveLength(frames);
    actions.resetAll();
    actions.resetAll();
    expect(engine.frames).toHaveLength(frames + 1);
  });

  it('shows the unedited face while comparing', () => {
    actions.setAttribute(0, 2);
    actions.setComparing(true);
    expect(Array.from(engine.frames.at(-1)!.attributes)).toEqual([-1, 1]);
    actions.setComparing(false);
    expect(Array.from(engine.frames.at(-1)!.attributes)).toEqual([2, 1]);
  });
});

describe('history', () => {
  it('makes one undo step per drag, however many values it passes through', () => {
    actions.beginGesture();
    for (let v = -1; v <= 1; v += 0.1) actions.setAttribute(0, v);
    actions.setAttribute(0, 1);
    actions.endGesture();
    expect(store.getState().past).toHaveLength(1);
    actions.undo();
    expect(values()).toEqual([-1, 1]);
    actions.redo();
    expect(values()).toEqual([1, 1]);
  });

  it('makes one step per keyboard change and none for a drag that ends where it began', () => {
    actions.setAttribute(0, -0.9);
    actions.setAttribute(0, -0.8);
    expect(store.getState().past).toHaveLength(2);
    actions.beginGesture();
    actions.setAttribute(1, 0);
    actions.setAttribute(1, 1);
    actions.endGesture();
    expect(store.getState().past).toHaveLength(2);
  });

  it('undoes face changes and clears redo on a new edit', () => {
    const first = store.getState().face;
    actions.newRandomFace(3);
    actions.undo();
    expect(store.getState().face).toBe(first);
    expect(store.getState().future).toHaveLength(1);
    actions.setAttribute(0, 0);
    expect(store.getState().future).toHaveLength(0);
    actions.redo(); // nothing to redo
    expect(values()).toEqual([0, 1]);
  });
});

describe('interpolation', () => {
  it('reproduces A at t = 0 and B at t = 1, with sliders on top', () => {
    actions.newRandomFace(1);
    const a = store.getState().face!;
    actions.newRandomFace(2);
    const b = store.getState().face!;
    actions.setEndpoint('a', a.id);
    actions.setEndpoint('b', b.id);
    actions.setT(0);
    expect(selectFrameInput(store.getState())).toEqual({ latent: a.latent, attributes: a.attributes });
    actions.setT(1);
    expect(selectFrameInput(store.getState())).toEqual({ latent: b.latent, attributes: b.attributes });
    actions.setAttribute(0, 0.5);
    expect(Array.from(selectFrameInput(store.getState())!.attributes)).toEqual([0.5, 1]);
    actions.setT(0.5);
    expect(selectFrameInput(store.getState())!.latent).not.toEqual(a.latent);
  });

  it('plays only with both ends chosen, and playback is not recorded', () => {
    actions.setPlaying(true);
    expect(store.getState().interpolation.playing).toBe(false);
    const a = store.getState().face!;
    actions.newRandomFace(2);
    actions.setEndpoint('a', a.id);
    actions.setEndpoint('b', store.getState().face!.id);
    actions.setPlaying(true);
    expect(store.getState().interpolation.playing).toBe(true);
    const steps = store.getState().past.length;
    actions.playTo(0.3);
    expect(store.getState().past).toHaveLength(steps);
    actions.setEndpoint('b', null);
    expect(store.getState().interpolation.playing).toBe(false);
  });
});

describe('face JSON', () => {
  it('copies and pastes a face back exactly', () => {
    actions.setAttribute(0, 0.25);
    const json = actions.faceJson()!;
    const shown = selectFrameInput(store.getState());
    actions.newRandomFace(77);
    expect(actions.pasteFace(json)).toBe(true);
    expect(store.getState().face?.source).toEqual({ kind: 'pasted' });
    expect(selectFrameInput(store.getState())).toEqual(shown);
    expect(JSON.parse(json).model).toBe('test-model');
  });

  it('explains bad input and changes nothing', () => {
    const face = store.getState().face;
    expect(actions.pasteFace('{oops')).toBe(false);
    expect(store.getState().notice).toEqual({ kind: 'error', text: expect.stringMatching(/not valid JSON/) });
    expect(actions.pasteFace(JSON.stringify({ model: 'other', latent: [], attributes: {} }))).toBe(false);
    expect(store.getState().notice?.text).toMatch(/other/);
    expect(store.getState().face).toBe(face);
  });
});
