import { beforeEach, describe, expect, it } from 'vitest';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { StatusEngine, testAttributes } from '../../testing/statusEngine';
import { testBitmap, type TestBitmap } from '../../testing/testBitmap';
import { createActions, type EditorActions } from '../editor/actions';
import { createEditorStore, type EditorStore } from '../editor/editorStore';
import type { EditorEngine } from '../editor/engineSync';
import { createInterventionActions, type InterventionActions, type InterventionEngine } from './interventionActions';
import { createInterventionStore, DEFAULT_RANK_SETTINGS, type InterventionStore } from './interventionStore';
import { selectHere } from '../latentMap/mapActions';
import { MAX_RANK_FACES, RANK_CHUNK_DIMS, resolveSettings } from './rankRunner';

const attributes = testAttributes(['Smiling', 'Male']);
const model: ModelInfo = {
  id: 'intervention-test',
  name: 'Intervention test',
  resolution: 4,
  latent: { size: 12, mean: 0, std: 1 },
  attributes,
};

/**
 * An engine with a known answer: its "E_y" reads Smiling as 0.5·z3 + y0 and Male as -z5, and its frames' pixels are
 * z7 (so only dimension 7 changes the picture). `hold` keeps batches waiting until the test releases or aborts them.
 */
class KnownEngine extends StatusEngine implements EditorEngine, InterventionEngine {
  hold = false;
  batches = 0;
  waiting: (() => void)[] = [];
  made: (TestBitmap & { z7: number })[] = [];
  inputs: FrameInput[] = [];
  batch(
    inputs: readonly FrameInput[],
    options: { size: number; signal?: AbortSignal; onProgress?: (d: number, t: number) => void },
  ) {
    this.batches++;
    this.inputs.push(...inputs);
    return new Promise<{ bitmaps: ImageBitmap[]; readings: Float32Array[]; gradients: Float32Array[] }>(
      (resolve, reject) => {
        const answer = () => {
          options.onProgress?.(inputs.length, inputs.length);
          const bitmaps =
            options.size > 0
              ? inputs.map((i) => Object.assign(testBitmap(options.size, options.size), { z7: i.latent[7]! }))
              : [];
          this.made.push(...bitmaps);
          resolve({
            bitmaps,
            readings: inputs.map((i) => Float32Array.of(0.5 * i.latent[3]! + i.attributes[0]!, -i.latent[5]!)),
            gradients: [],
          });
        };
        options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        if (this.hold) this.waiting.push(answer);
        else queueMicrotask(answer);
      },
    );
  }
}

const pixels = (bitmap: ImageBitmap) =>
  new Uint8ClampedArray(16).fill(128 + 10 * (bitmap as unknown as { z7: number }).z7);

let editor: EditorStore;
let engine: KnownEngine;
let actions: EditorActions;
let store: InterventionStore;
let intervene: InterventionActions;

beforeEach(() => {
  editor = createEditorStore();
  engine = new KnownEngine();
  actions = createActions(editor, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 5 });
  engine.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  store = createInterventionStore();
  intervene = createInterventionActions(editor, store, engine, actions, pixels);
});

describe('sweep', () => {
  it('renders the face moved along one dimension and reads what changes', async () => {
    intervene.setAxis({ kind: 'dimension', index: 3 });
    intervene.setRange(2, 5);
    await intervene.sweep();
    const { sweep, sweepStatus } = store.getState();
    expect(sweepStatus.kind).toBe('done');
    expect(sweep!.label).toBe('z3');
    expect(sweep!.values).toEqual([-2, -1, 0, 1, 2]);
    expect(sweep!.bitmaps).toHaveLength(5);
    const smile = Array.from(sweep!.series[0]!);
    smile.slice(1).forEach((v, s) => expect(v - smile[s]!).toBeCloseTo(0.5, 5));
    expect(new Set(sweep!.series[1]).size).toBe(1);
    expect(sweep!.inputs[2]!.latent).toEqual(editor.getState().face!.latent);
  });
  it('closes the previous strip when a new one lands, and on dispose', async () => {
    await intervene.sweep();
    const first = store.getState().sweep!.bitmaps as unknown as TestBitmap[];
    await intervene.sweepDimension(5);
    expect(first.every((b) => b.closed)).toBe(true);
    expect(store.getState().sweep!.series[1]![0]).not.toBe(store.getState().sweep!.series[1]![8]);
    intervene.dispose();
    expect(engine.made.every((b) => b.closed)).toBe(true);
  });
  it('sweeps an attribute across its range', async () => {
    intervene.setAxis({ kind: 'condition', index: 0 });
    intervene.setRange(3, 3);
    await intervene.sweep();
    expect(store.getState().sweep!.inputs.map((i) => i.attributes[0])).toEqual([-2, 0, 2]);
    expect(store.getState().sweep!.label).toBe('Smiling');
  });
  it('explains an axis the model does not have and keeps working', async () => {
    intervene.setAxis({ kind: 'dimension', index: 40 });
    await intervene.sweep();
    expect(store.getState().sweepStatus).toEqual({ kind: 'error', message: expect.stringMatching(/0 to 11, got 40/) });
    await intervene.sweepDimension(1);
    expect(store.getState().sweepStatus.kind).toBe('done');
  });
  it('picks a face of the strip as the current face, one undo step', async () => {
    await intervene.sweepDimension(3);
    const before = editor.getState().face;
    intervene.pickStep(8);
    const picked = editor.getState().face!;
    expect(picked).not.toBe(before);
    expect(picked.latent).toEqual(store.getState().sweep!.inputs[8]!.latent);
    // Named after its axis and value in the recent strip, not as a pasted face.
    // The same step text as the sweep strip's: the last of 9 steps over ±3 σ.
    expect(picked.source).toEqual({ kind: 'sweep', label: 'z3 = +3.00σ' });
    actions.undo();
    expect(editor.getState().face).toBe(before);
  });
});

describe('rank', () => {
  it('finds the dimension that moves each attribute, with progress, and the one that changes the picture', async () => {
    intervene.setRankSettings({ dims: 10, faces: 3 });
    await intervene.rank();
    const { ranking, rankStatus } = store.getState();
    expect(rankStatus.kind).toBe('done');
    expect(ranking!.rows.map((r) => r.dim)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(engine.batches).toBe(Math.ceil(10 / RANK_CHUNK_DIMS));
    const top = (index: number) =>
      [...ranking!.rows].sort((a, b) => Math.abs(b.mean[index]!) - Math.abs(a.mean[index]!))[0]!;
    expect(top(0).dim).toBe(3);
    expect(top(0).mean[0]).toBeCloseTo(0.5, 5);
    expect(top(1).dim).toBe(5);
    expect(top(1).mean[1]).toBeCloseTo(-1, 5);
    const picture = [...ranking!.rows].sort((a, b) => b.picture! - a.picture!);
    expect(picture[0]!.dim).toBe(7);
    expect(picture[1]!.picture).toBe(0);
    expect(engine.made.every((b) => b.closed)).toBe(true);
  });
  it('keeps a finished ranking for the session', async () => {
    intervene.setRankSettings({ dims: 4, faces: 1 });
    await intervene.rank();
    const first = store.getState().ranking;
    const calls = engine.batches;
    await intervene.rank();
    expect(engine.batches).toBe(calls);
    expect(store.getState().ranking).toBe(first);
    intervene.setRankSettings({ faces: 2 });
    await intervene.rank();
    expect(engine.batches).toBeGreaterThan(calls);
  });
  it('cancels part way, keeping the rows it finished and no open frames', async () => {
    intervene.setRankSettings({ dims: 12, faces: 2 });
    engine.hold = true;
    const done = intervene.rank();
    await Promise.resolve();
    engine.waiting.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().rankStatus).toMatchObject({ kind: 'running', done: RANK_CHUNK_DIMS * 4, total: 48 });
    intervene.cancelRank();
    await done;
    expect(store.getState().rankStatus.kind).toBe('cancelled');
    expect(store.getState().ranking!.rows).toHaveLength(RANK_CHUNK_DIMS);
    expect(store.getState().ranking!.ms).toBeNull();
    expect(engine.made.every((b) => b.closed)).toBe(true);
  });
  it('ranks on base faces drawn as in training, or all with the attributes on screen', async () => {
    intervene.setRankSettings({ dims: 2, faces: 4 });
    await intervene.rank();
    expect(store.getState().ranking!.attributes).toBeNull();
    actions.setAttribute(0, 1.5);
    const here = Array.from(editor.getState().offsets);
    expect(here[0]).not.toBe(0);
    engine.inputs = [];
    intervene.setRankSettings({ keepAttributes: true });
    await intervene.rank();
    const shown = Array.from(selectHere(editor.getState())!.attributes);
    expect(engine.inputs).toHaveLength(2 * 4 * 2);
    for (const input of engine.inputs) expect(Array.from(input.attributes)).toEqual(shown);
    expect(Array.from(store.getState().ranking!.attributes!)).toEqual(shown);
    // Other attributes on screen are another ranking, not the cached one.
    actions.setAttribute(1, -0.5);
    const calls = engine.batches;
    await intervene.rank();
    expect(engine.batches).toBeGreaterThan(calls);
  });
  it('sweeps the strongest direction it measured for an attribute', async () => {
    await intervene.sweepStrongest(0);
    expect(store.getState().sweep).toBeNull();
    intervene.setRankSettings({ dims: 12, faces: 2 });
    await intervene.rank();
    await intervene.sweepStrongest(1);
    const { axis, sweep } = store.getState();
    expect(axis.kind).toBe('direction');
    if (axis.kind === 'direction') expect(axis.vector[5]).toBeCloseTo(-1, 5);
    expect(sweep!.label).toBe('z towards Male');
  });
});

describe('resolveSettings', () => {
  it('ranks every dimension by default, over 8 faces at ±2 σ', () => {
    expect(resolveSettings(DEFAULT_RANK_SETTINGS, 128)).toEqual({ dims: 128, faces: 8, amplitude: 2 });
  });
  it('keeps typed values inside their ranges', () => {
    expect(resolveSettings({ dims: 500, faces: 0, amplitude: -1 }, 128)).toEqual({ dims: 128, faces: 1, amplitude: 2 });
    expect(resolveSettings({ dims: 2.6, faces: 1000, amplitude: 1 }, 128)).toEqual({
      dims: 3,
      faces: MAX_RANK_FACES,
      amplitude: 1,
    });
  });
});
