// Runs the app's intervention ranking (src/store/intervention/rankRunner.ts, through createInterventionActions) on a shipped model in
// Node: the same base faces, inputs, E_y readings and picture measures as the Intervene panel, frames rendered by the
// engine's own renderBatch on tfjs WASM. Prints, per readout, the dimensions that move it most (markdown).
// Run: npx vite-node scripts/rank-interventions.ts [model folder, default fashion32] [faces, default 8] [amplitude σ, 2]
//   [class: every base face of this class, as the panel's "Only the class on screen"; default: classes as in training]
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { renderBatch } from '../src/engine/render/batchFrames';
import { GanModel } from '../src/engine/model/ganModel';
import type { FrameInput, ModelInfo } from '../src/engine/protocol';
import { rankRows } from '../src/latent/interventionRanking';
import { randomLatent } from '../src/latent/random';
import { createActions } from '../src/store/editor/actions';
import { createEditorStore } from '../src/store/editor/editorStore';
import { createInterventionActions } from '../src/store/intervention/interventionActions';
import { createInterventionStore } from '../src/store/intervention/interventionStore';
import { StatusEngine } from '../src/testing/statusEngine';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, 'public/models', process.argv[2] ?? 'fashion32');
const faces = Number(process.argv[3] ?? 8);
const amplitude = Number(process.argv[4] ?? 2);
const onlyClass = process.argv[5];

setWasmPaths(`${resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
await tf.setBackend('wasm');
await tf.ready();
const fileFetch: typeof fetch = async (input) => new Response(await readFile(String(input)));
const model = await GanModel.load(`${dir}/`, { fetch: fileFetch });
const { manifest } = model;
const info: ModelInfo = {
  id: manifest.id,
  name: manifest.name,
  resolution: manifest.resolution,
  latent: manifest.latent,
  attributes: manifest.attributes,
  channels: manifest.channels ?? 3,
  ...(manifest.condition ? { classes: [...manifest.condition.classes] } : {}),
};

/** Frames as the page gets them (an RGBA bitmap per face), here plain objects whose pixels the reader returns. */
type Frame = ImageBitmap & { data: Uint8ClampedArray };
class NodeEngine extends StatusEngine {
  async batch(inputs: readonly FrameInput[], options: { size: number; read?: boolean }) {
    const { frames, readings } = await renderBatch(model, inputs, options.size, options.read ?? false);
    const bitmaps = frames.map((f) => ({ width: f.width, height: f.height, data: f.data, close() {} }) as Frame);
    return { bitmaps, readings };
  }
}

const engine = new NodeEngine();
const editor = createEditorStore();
const actions = createActions(editor, engine, { modelUrl: dir, backend: 'wasm', firstSeed: () => 1 });
engine.push({ kind: 'ready', backend: 'wasm', model: info, candidates: {} });
const store = createInterventionStore();
const intervene = createInterventionActions(editor, store, engine, actions, (b) => (b as Frame).data);
const tensors = tf.memory().numTensors;
if (onlyClass !== undefined) {
  const c = info.classes?.indexOf(onlyClass) ?? -1;
  if (c < 0) throw new Error(`no class "${onlyClass}" in ${manifest.id} (${info.classes?.join(', ') ?? 'no classes'})`);
  const attributes = Float32Array.from(info.attributes, (_, j) => (j === c ? 1 : 0));
  actions.showFace({ latent: randomLatent(1, info.latent), attributes, source: { kind: 'pasted' } });
}
intervene.setRankSettings({ dims: null, faces, amplitude, keepAttributes: onlyClass !== undefined });
await intervene.rank();
const { ranking, rankStatus } = store.getState();
if (rankStatus.kind !== 'done' || !ranking) throw new Error(`the ranking did not finish: ${JSON.stringify(rankStatus)}`);

const f = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
console.log(`Model ${manifest.id}: ${ranking.rows.length} dimensions × ${faces} base faces` +
  `${onlyClass ? ` (all ${onlyClass})` : ''} at ±${amplitude}σ, ` +
  `${(rankStatus.ms / 1000).toFixed(1)} s (tfjs ${tf.getBackend()} in Node); tensors ${tensors} → ${tf.memory().numTensors}.\n`);
console.log('| reading | by | top dimensions: change per σ (± spread over base faces) | median over dimensions |');
console.log('|---|---|---|---|');
ranking.readouts.forEach((r, c) => {
  const top = rankRows(ranking.rows, { kind: 'entry', index: c }).slice(0, 3);
  const sizes = ranking.rows.map((row) => Math.abs(row.mean[c]!)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)]!;
  const cells = top.map((row) => `z${row.dim} ${f(row.mean[c]!)} (±${row.spread[c]!.toFixed(3)})`).join(', ');
  console.log(`| ${r.label} | ${r.source === 'picture' ? 'pixels' : 'E_y'} | ${cells} | ${median.toFixed(3)} |`);
});
const picture = rankRows(ranking.rows, { kind: 'picture' }).slice(0, 5);
console.log(`\nPicture change per σ (mean |Δpixel|, 0-1): ${picture.map((r) => `z${r.dim} ${(100 * r.picture!).toFixed(2)}%`).join(', ')}`);

// Two sweeps on T-shirts (fashion32 only), through the panel's own sweep: z10 at ±3σ, and the Trouser weight 0 → 1.
if (info.classes?.[0] === 'T-shirt/top' && onlyClass === undefined) {
  const at = (name: string) => ranking.readouts.findIndex((r) => r.name === name);
  const ends = (name: string) => {
    const series = store.getState().sweep!.series[at(name)]!;
    return `${series[0]!.toFixed(2)} → ${series[series.length - 1]!.toFixed(2)}`;
  };
  console.log('\n| T-shirt seed | z10 −3σ → +3σ: Brightness | Trouser weight 0 → 1: E_y Trouser | Width |');
  console.log('|---|---|---|---|');
  for (const seed of [1, 2, 3, 44]) {
    const attributes = Float32Array.from(info.attributes, (_, j) => (j === 0 ? 1 : 0));
    actions.showFace({ latent: randomLatent(seed, info.latent), attributes, source: { kind: 'pasted' } });
    intervene.setRange(3, 7);
    await intervene.sweepDimension(10);
    const brightness = ends('brightness');
    intervene.setAxis({ kind: 'condition', index: 1 });
    await intervene.sweep();
    console.log(`| ${seed} | ${brightness} | ${ends('Trouser')} | ${ends('width')} |`);
  }
}
model.dispose();
