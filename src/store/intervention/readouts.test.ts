import { beforeEach, describe, expect, it } from 'vitest';
import type { FrameInput, ModelInfo } from '../../engine/protocol';
import { StatusEngine, testAttributes } from '../../testing/statusEngine';
import { testBitmap } from '../../testing/testBitmap';
import { createActions, type EditorActions } from '../editor/actions';
import { createEditorStore, type EditorStore } from '../editor/editorStore';
import type { EditorEngine } from '../editor/engineSync';
import { createInterventionActions, type InterventionActions, type InterventionEngine } from './interventionActions';
import { createInterventionStore, type InterventionStore } from './interventionStore';
import { readoutsOf } from './readouts';

// A grey model whose pictures are known: a full-height bar on black, as wide as 0.5 + 0.1·z2 of the frame and as bright
// as 0.5 + 0.1·z4; its "E_y" reads the one class as 0.5·z3 + y0. So the measures must find z2 for width and z4 for
// brightness, and E_y z3, through the real sweep and ranking code.
const grey: ModelInfo = {
  id: 'grey-test',
  name: 'Grey test',
  resolution: 20,
  latent: { size: 6, mean: 0, std: 1 },
  attributes: testAttributes(['Dress']),
  channels: 1,
  classes: ['Dress'],
};

type LatentBitmap = ImageBitmap & { latent: Float32Array };

class BarEngine extends StatusEngine implements EditorEngine, InterventionEngine {
  sizes: number[] = [];
  async batch(inputs: readonly FrameInput[], options: { size: number }) {
    this.sizes.push(options.size);
    return {
      bitmaps: inputs.map((i) => Object.assign(testBitmap(options.size, options.size), { latent: i.latent })),
      readings: inputs.map((i) => Float32Array.of(0.5 * i.latent[3]! + i.attributes[0]!)),
      gradients: [], // never asked for here (no gradientOf)
    };
  }
}

const clamp = (v: number) => Math.min(1, Math.max(0.05, v));
function pixels(bitmap: ImageBitmap): Uint8ClampedArray {
  const { width, height, latent } = bitmap as LatentBitmap;
  const bar = Math.round(width * clamp(0.5 + 0.1 * latent[2]!));
  const level = Math.round(255 * clamp(0.5 + 0.1 * latent[4]!));
  const from = Math.floor((width - bar) / 2);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = x >= from && x < from + bar ? level : 0;
      data.set([v, v, v, 255], 4 * (y * width + x));
    }
  }
  return data;
}

let editor: EditorStore;
let engine: BarEngine;
let actions: EditorActions;
let store: InterventionStore;
let intervene: InterventionActions;

function start(model: ModelInfo) {
  editor = createEditorStore();
  engine = new BarEngine();
  actions = createActions(editor, engine, { modelUrl: '/m/', backend: 'wasm', firstSeed: () => 5 });
  engine.push({ kind: 'ready', backend: 'wasm', model, candidates: {} });
  store = createInterventionStore();
  intervene = createInterventionActions(editor, store, engine, actions, pixels);
}
beforeEach(() => start(grey));

const readout = (name: string) => readoutsOf(grey, true).findIndex((r) => r.name === name);

describe('picture readouts on a grey model', () => {
  it('a sweep reads E_y and the measures; the bar widens along z2, its brightness stays', async () => {
    intervene.setAxis({ kind: 'dimension', index: 2 });
    intervene.setRange(3, 7);
    await intervene.sweep();
    const sweep = store.getState().sweep!;
    expect(sweep.readouts.map((r) => r.label)).toEqual([
      'Dress',
      'Brightness',
      'Width',
      'Height',
      'Area',
      'Flare (lower vs upper width)',
    ]);
    expect(sweep.series).toHaveLength(6);
    const width = Array.from(sweep.series[readout('width')]!);
    width.slice(1).forEach((w, s) => expect(w).toBeGreaterThan(width[s]!));
    expect(new Set(sweep.series[readout('brightness')]).size).toBe(1);
    expect(new Set(sweep.series[readout('height')]).size).toBe(1);
  });

  it('the ranking renders at the model’s resolution and names the dimension behind each property', async () => {
    intervene.setRankSettings({ dims: 6, faces: 3 });
    await intervene.rank();
    const ranking = store.getState().ranking!;
    expect(engine.sizes).toEqual([grey.resolution]);
    expect(ranking.readouts).toHaveLength(6);
    const top = (index: number) =>
      [...ranking.rows].sort((a, b) => Math.abs(b.mean[index]!) - Math.abs(a.mean[index]!))[0]!;
    expect(top(0).dim).toBe(3);
    expect(top(readout('width')).dim).toBe(2);
    expect(top(readout('width')).mean[readout('width')]).toBeGreaterThan(0.05);
    expect(top(readout('brightness')).dim).toBe(4);
    expect(top(readout('brightness')).mean[readout('brightness')]).toBeCloseTo(0.1, 2);
    expect(top(readout('area')).dim).toBe(2);

    await intervene.sweepStrongest(readout('width'));
    const { axis, sweep } = store.getState();
    expect(sweep!.label).toBe('z towards Width');
    if (axis.kind !== 'direction') throw new Error('expected a direction');
    expect(Math.abs(axis.vector[2]!)).toBeGreaterThan(0.99);
  });

  it('a colour model keeps E_y only, with small frames for the picture change', async () => {
    start({ ...grey, id: 'colour-test', channels: 3 });
    intervene.setRankSettings({ dims: 6, faces: 1 });
    await intervene.rank();
    expect(store.getState().ranking!.readouts.map((r) => r.source)).toEqual(['encoder']);
    expect(engine.sizes).toEqual([16]);
    await intervene.sweepDimension(2);
    expect(store.getState().sweep!.series).toHaveLength(1);
  });
});
