// The store's side of the Fashion-MNIST model: classes set all sliders in one undo step, frames follow the snapshot
// chosen, and a disposed editor no longer follows the engine (the app makes a fresh editor for another model).
import { describe, expect, it } from 'vitest';
import type { BatchResult, EngineStatus } from '../../engine/client/engineClient';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { classWeights } from '../../latent/classMix';
import { createActions } from './actions';
import { createEditorStore } from './editorStore';
import type { EditorEngine } from './engineSync';
import { selectAttributeValues } from './selectors';

const classes = ['Shirt', 'Shoe', 'Bag'];
const model: ModelInfo = {
  id: 'fashion-test',
  name: 'Test',
  resolution: 4,
  latent: { size: 6, mean: 0, std: 1 },
  attributes: classes.map((c, i) => ({ name: c, label: c, min: 0, max: 1, default: i === 0 ? 1 : 0, off: 0, on: 1 })),
  channels: 1,
  classes,
  snapshots: [40, 400],
  discriminator: true,
  noPhotos: true,
};

class RecordingEngine implements EditorEngine {
  frames: FrameInput[] = [];
  private listeners = new Set<(s: EngineStatus) => void>();
  load(): void {}
  render(input: FrameInput): void {
    this.frames.push(input);
  }
  onStatus(listener: (s: EngineStatus) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(status: EngineStatus): void {
    for (const l of this.listeners) l(status);
  }
  batch(): Promise<BatchResult> {
    return Promise.reject(new Error('no batches here'));
  }
}

function editor() {
  const store = createEditorStore();
  const engine = new RecordingEngine();
  const actions = createActions(store, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 3 });
  actions.start();
  engine.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  return { store, engine, actions };
}

describe('class choice and snapshots', () => {
  it('a class mix sets every slider in one undo step', () => {
    const { store, actions } = editor();
    actions.setAttributes(classWeights(3, 1, 2, 0.25));
    expect(Array.from(selectAttributeValues(store.getState())!)).toEqual([0, 0.75, 0.25]);
    actions.setAttributes(classWeights(3, 1, 2, 0.25)); // unchanged: no step
    actions.undo();
    expect(Array.from(selectAttributeValues(store.getState())!)).toEqual([1, 0, 0]);
  });

  it('frames carry the chosen snapshot until the final generator is chosen again', () => {
    const { engine, actions } = editor();
    actions.setSnapshot(1);
    expect(engine.frames.at(-1)?.snapshot).toBe(1);
    actions.setSnapshot(null);
    expect(engine.frames.at(-1)?.snapshot).toBeUndefined();
  });

  it('a disposed editor ignores the engine; a fresh one starts empty', () => {
    const first = editor();
    first.actions.newRandomFace(9);
    first.actions.setSnapshot(0);
    first.actions.dispose();
    const frames = first.engine.frames.length;
    first.engine.push({ kind: 'loading', phase: 'download', progress: 0 });
    expect(first.store.getState().status.kind).toBe('ready');
    expect(first.engine.frames.length).toBe(frames);
    const fresh = createEditorStore().getState();
    expect([fresh.face, fresh.recent.length, fresh.snapshot, fresh.past.length]).toEqual([null, 0, null, 0]);
  });
});
