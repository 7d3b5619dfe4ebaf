// A real editor store with its actions and custom-attribute actions over a recording engine and an in-memory
// storage, for the store tests of custom attributes and share links.
import type { FrameInput, ModelInfo } from '../engine/protocol';
import { randomLatent } from '../latent/random';
import { createActions, type EditorActions } from '../store/editor/actions';
import { createCustomAttributeActions, type CustomAttributeActions } from '../store/customAttributes/customAttributes';
import type { SweepEngine } from '../store/customAttributes/customCorrelation';
import { createEditorStore } from '../store/editor/editorStore';
import { StatusEngine, testAttributes } from './statusEngine';

export const model: ModelInfo = {
  id: 'test-model',
  name: 'Test',
  resolution: 4,
  latent: { size: 8, mean: 0, std: 1 },
  attributes: testAttributes(['Smiling', 'Male']),
};

/**
 * Stands in for the engine: records frames, and its batch "reads" a generated face as an ideal encoder would (the y
 * the face was made with, plus 0.5 x the first latent number for Smiling and 0.3 x the second for Male, so the z part
 * has an effect the reading can see), with that reading's exact gradients when asked.
 */
/** How much latent number j adds to attribute j's reading (Smiling, Male). */
const Z_WEIGHTS = [0.5, 0.3];

export class FakeEngine extends StatusEngine implements SweepEngine {
  frames: FrameInput[] = [];
  override render(input?: FrameInput): void {
    if (input) this.frames.push(input);
  }
  ready(): void {
    this.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  }
  async batch(inputs: readonly FrameInput[], options: Parameters<SweepEngine['batch']>[1]) {
    options.onProgress?.(inputs.length, inputs.length);
    const readings = inputs.map((i) => Float32Array.from(i.attributes, (y, j) => y + Z_WEIGHTS[j]! * i.latent[j]!));
    const L = model.latent.size;
    const A = model.attributes.length;
    const gradients = inputs.map(() => {
      const keep = options.gradientOf ?? [];
      const g = new Float32Array(keep.length * (L + A));
      keep.forEach((k, slot) => {
        g[slot * (L + A) + k] = Z_WEIGHTS[k]!;
        g[slot * (L + A) + L + k] = 1;
      });
      return g;
    });
    return { bitmaps: [], readings, gradients: options.gradientOf ? gradients : [] };
  }
}

export class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

export function setup(storage = new MemoryStorage()) {
  const store = createEditorStore();
  const engine = new FakeEngine();
  const actions = createActions(store, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 1 });
  const custom = createCustomAttributeActions(store, engine, storage);
  actions.start();
  engine.ready();
  custom.load();
  return { store, engine, actions, custom, storage };
}

/** Picks four faces: two smiling men as "has", two unsmiling women as "hasn't" (so the groups differ in Male too). */
export function pickFour(actions: EditorActions, custom: CustomAttributeActions): void {
  const face = (seed: number, y: number[]) =>
    actions.showFace({
      latent: randomLatent(seed, model.latent),
      attributes: Float32Array.from(y),
      source: { kind: 'pasted' },
    });
  custom.togglePick(face(11, [1, 1]), 'has');
  custom.togglePick(face(12, [0.5, 1]), 'has');
  custom.togglePick(face(13, [-1, -1]), 'hasnt');
  custom.togglePick(face(14, [-1, -0.5]), 'hasnt');
}
