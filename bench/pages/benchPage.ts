// Entry of bench.html; bench/drivers/run.mjs drives it. Runs the engine's own modules (GanModel, Renderer, encodePhoto's
// encoder, refine) in the page, on the backend named by `?backend=`, and answers `window.__bench.run()` with plain JSON.
// Cold start is measured once per page load: download, backend init and warm-up, in the order the worker does them.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { selectBackend, wasmThreads } from '../../src/engine/model/backend';
import { GanModel } from '../../src/engine/model/ganModel';
import { DEFAULT_REFINE, refine } from '../../src/engine/photo/inversion';
import { nextTask } from '../../src/engine/worker/scheduler';
import type { BackendName, FrameInput } from '../../src/engine/protocol';
import { Renderer } from '../../src/engine/render/renderer';
import { serveWasmFromOrigin } from '../../src/engine/model/wasmPaths';
import { defaultAttributes } from '../../src/latent/attributes';
import { randomLatent } from '../../src/latent/random';
import { sample, type Stats } from './stats';

/** `wasm-st`: the WASM backend with threads switched off (SIMD kept). */
export type BenchBackend = BackendName | 'wasm-st';

export interface BenchOptions {
  /** Most samples per figure, and the wall-clock budget per figure after which sampling stops early. */
  frames: number;
  encoderRuns: number;
  refineSteps: number;
  refine100Runs: number;
  edits: number;
  budgetMs: number;
  /** Fewest samples per figure, whatever the budget. */
  minSamples: number;
  /** Steps per timed `refine()` run: 100, or fewer on slow backends (then scaled to 100 and marked). */
  refine100Steps: number;
  /** Skip the refinement figures when a generator frame (p50) takes longer than this (quick runs on slow backends). */
  skipRefineAboveMs: number;
  /** Stop the edits early after this long (slow backends); the result says how many ran. */
  editsBudgetMs: number;
  matmulSize: number;
}

export interface ColdStart {
  /** Navigation start to this module running (HTML, JS download and parse). */
  scriptMs: number;
  backendInitMs: number;
  downloadMs: number;
  /** First frame: kernel compilation, weight upload, the first latent -> canvas. */
  warmupMs: number;
  /** Navigation start to the first face on the canvas. */
  totalMs: number;
}

declare global {
  interface Window {
    __bench?: {
      ready: Promise<{ backend: string; coldStart: ColdStart } | { error: string }>;
      run(options: BenchOptions): Promise<unknown>;
    };
  }
}

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `\n${line}`;
};

/** The app's own backend selection, after the two knobs only the benchmark turns: WASM threads off, or a count. */
function selectBenchBackend(name: BenchBackend, threads: number | null): Promise<boolean> {
  if (name === 'wasm-st') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  return selectBackend(name === 'wasm-st' ? 'wasm' : name, threads ?? wasmThreads());
}

function backendDetail(name: BenchBackend): Record<string, unknown> {
  const detail: Record<string, unknown> = { tfBackend: tf.getBackend() };
  if (name === 'wasm' || name === 'wasm-st') {
    detail.threads = getThreadsCount();
    detail.crossOriginIsolated = globalThis.crossOriginIsolated;
    detail.hardwareConcurrency = navigator.hardwareConcurrency;
  }
  return detail;
}

/** tfjs matrix product throughput: the best of a few n x n products, read back. */
async function matmulGflops(n: number, budgetMs: number): Promise<number> {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  try {
    const once = async () => {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    };
    await once();
    const s = await sample(once, 5, budgetMs, 2);
    return (2 * n ** 3) / (s.min / 1000) / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

async function start(name: BenchBackend, threads: number | null) {
  serveWasmFromOrigin();
  const t0 = performance.now();
  if (!(await selectBenchBackend(name, threads))) throw new Error(`backend ${name} is not available`);
  const t1 = performance.now();
  const model = await GanModel.load(new URL('models/celeba64/', document.baseURI).href);
  const t2 = performance.now();
  const { manifest } = model;
  const renderer = new Renderer(model, manifest.pixelRange);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = manifest.resolution;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');

  // What the app does per frame: latent -> RGBA (renderer) -> ImageBitmap -> drawImage.
  const draw = async (input: FrameInput) => {
    const frame = await renderer.render(input);
    const bitmap = await createImageBitmap(new ImageData(frame.data, frame.width, frame.height));
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
  };
  // Seeded latents, drawn as the app draws them, so every backend sees the same faces.
  const size = manifest.latent.size;
  const k = manifest.attributes.length;
  const input = (seed: number): FrameInput => ({
    latent: randomLatent(seed, manifest.latent),
    attributes: defaultAttributes(manifest.attributes),
  });
  await draw(input(1234));
  const t3 = performance.now();
  const coldStart: ColdStart = {
    scriptMs: t0,
    backendInitMs: t1 - t0,
    downloadMs: t2 - t1,
    warmupMs: t3 - t2,
    totalMs: t3,
  };

  const run = async (o: BenchOptions) => {
    const out: Record<string, unknown> = { backend: name, ...backendDetail(name), modelId: manifest.id, coldStart };
    log(`${name}: generator frames`);
    const inputs = Array.from({ length: 16 }, (_, i) => input(1235 + i));
    let i = 0;
    out.generatorFrameMs = await sample(
      () => draw(inputs[i++ % inputs.length] as FrameInput),
      o.frames,
      o.budgetMs,
      o.minSamples,
    );

    const r = manifest.resolution;
    const target = await (async () => {
      const t = tf.tidy(() =>
        model.generate(tf.tensor2d(inputs[0]!.latent, [1, size]), tf.tensor2d(inputs[0]!.attributes, [1, k])),
      );
      try {
        return (await t.data()) as Float32Array;
      } finally {
        t.dispose();
      }
    })();
    if (model.hasEncoder) {
      log(`${name}: encoder`);
      const encodeOnce = async () => {
        const enc = tf.tidy(() => model.encode(tf.tensor4d(target, [1, r, r, 3])));
        try {
          await Promise.all([enc.latent.data(), enc.attributes.data()]);
        } finally {
          tf.dispose([enc.latent, enc.attributes]);
        }
      };
      await encodeOnce();
      out.encoderMs = await sample(encodeOnce, o.encoderRuns, o.budgetMs, o.minSamples);
    }

    // Refinement from a different latent towards the target, through the real loop in inversion.ts.
    const from = { latent: inputs[1]!.latent, attributes: inputs[0]!.attributes };
    const refineRun = async (steps: number) => {
      const opts = { ...DEFAULT_REFINE, steps, reportEvery: steps, patience: 1e9, minGain: 0 };
      let last = 0;
      for await (const report of refine(model, target, from, opts)) last = report.step;
      if (last !== steps) throw new Error(`refine stopped at ${last} of ${steps}`);
    };
    const frameMs = (out.generatorFrameMs as Stats).p50;
    if (frameMs > o.skipRefineAboveMs)
      out.refineSkipped = `generator frame ${frameMs.toFixed(0)} ms > ${o.skipRefineAboveMs} ms`;
    else await refineFigures();
    async function refineFigures() {
      log(`${name}: refine`);
      await refineRun(2);
      out.refineStepMs = await sample(() => refineRun(1), o.refineSteps, o.budgetMs, o.minSamples);
      if (o.refine100Runs > 0) {
        const n = o.refine100Steps;
        const s = await sample(() => refineRun(n), o.refine100Runs, o.budgetMs, 1);
        const scale = 100 / n;
        out.refine100Ms =
          n === 100
            ? s
            : {
                ...s,
                p50: s.p50 * scale,
                p95: s.p95 * scale,
                mean: s.mean * scale,
                min: s.min * scale,
                extrapolatedFromSteps: n,
              };
      }
    }

    // What `refine()` pays per step to let messages in (nextTask), beside setTimeout(0), which browsers clamp to 4 ms.
    let yields = performance.now();
    for (let j = 0; j < 100; j++) await nextTask();
    out.yield100Ms = performance.now() - yields;
    yields = performance.now();
    for (let j = 0; j < 100; j++) await new Promise((res) => setTimeout(res, 0));
    out.setTimeout100Ms = performance.now() - yields;

    log(`${name}: memory over ${o.edits} edits`);
    await tf.nextFrame();
    const before = tf.memory();
    const editsStart = performance.now();
    let edits = 0;
    const base = inputs[2]!;
    for (; edits < o.edits; edits++) {
      const attributes = base.attributes.slice();
      attributes[edits % k] = Math.sin(edits / 7) * 2;
      await draw({ latent: base.latent, attributes });
      if (edits >= o.minSamples && performance.now() - editsStart > o.editsBudgetMs) {
        edits++;
        break;
      }
    }
    const after = tf.memory();
    out.memory = {
      edits,
      requested: o.edits,
      before: { tensors: before.numTensors, bytes: before.numBytes },
      after: { tensors: after.numTensors, bytes: after.numBytes },
      equal: before.numTensors === after.numTensors && before.numBytes === after.numBytes,
    };

    log(`${name}: matmul`);
    out.matmulGflops = await matmulGflops(o.matmulSize, o.budgetMs);
    out.matmulSize = o.matmulSize;
    log(`${name}: done`);
    return out;
  };
  return { coldStart, run };
}

const query = new URLSearchParams(location.search);
const name = (query.get('backend') ?? 'wasm') as BenchBackend;
const threads = query.has('threads') ? Number(query.get('threads')) : null;
let runner: ((o: BenchOptions) => Promise<unknown>) | null = null;
window.__bench = {
  ready: start(name, threads).then(
    (s) => {
      runner = s.run;
      log(`${name}: ready ${JSON.stringify(s.coldStart)}`);
      return { backend: name, coldStart: s.coldStart };
    },
    (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
  ),
  run: (o) => {
    if (!runner) return Promise.reject(new Error('not ready'));
    return runner(o);
  },
};
