// `npm run bench [-- --quick] [-- --no-build] [-- --backends=wasm,webgl]`: the browser side (bench.html and the real
// app, in Debian's Chromium, headless) and the native side (training/latentlab/studies/bench.py, PyTorch on this CPU, and
// onnxruntime-node on ONNX graphs bench.py exports), measured in one run on one machine. Writes bench/results/results.json and
// bench/results/results.md. Measures only; asserts nothing. BENCH_DIST=folder builds and serves there instead of dist/, and
// BENCH_PORT picks the preview port (4180), so a run can share the machine with other builds.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { benchOnnx } from '../lib/onnx.mjs';
import { startPreview } from '../lib/previewServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const build = !argv.includes('--no-build');
const skipNative = argv.includes('--no-native');
const only = argv.find((a) => a.startsWith('--backends='))?.slice('--backends='.length).split(',');
const PORT = Number(process.env.BENCH_PORT ?? 4180);
const DIST = process.env.BENCH_DIST;
// bench.py's ONNX exports: a cache, never committed.
const ONNX_DIR = join(root, 'node_modules/.cache/latent-lab-bench');
const BASE = `http://localhost:${PORT}/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

// Per-figure sample counts and wall-clock budgets. A backend that is slow (SwiftShader WebGPU, cpu) stops at its
// budget, and the output says so (`reduced: true`, `n`).
const COMMON = { refine100Steps: 100, minSamples: 10, skipRefineAboveMs: Infinity, editsBudgetMs: 120_000 };
const FULL = { ...COMMON, frames: 200, encoderRuns: 100, refineSteps: 50, refine100Runs: 3, edits: 1000, budgetMs: 12_000, matmulSize: 512 };
const QUICK = { ...COMMON, frames: 60, encoderRuns: 20, refineSteps: 10, refine100Runs: 1, refine100Steps: 25, edits: 1000, budgetMs: 1_500, matmulSize: 256 };
// Software WebGL and WebGPU (SwiftShader) and tfjs's cpu: small budgets, fewer samples, 100 refine steps extrapolated
// from 10 (full run) or skipped (quick run).
const SLOW = quick
  ? { budgetMs: 800, minSamples: 2, refine100Runs: 0, edits: 100, editsBudgetMs: 2_000, skipRefineAboveMs: 300, matmulSize: 128 }
  : { budgetMs: 5_000, minSamples: 5, refine100Runs: 1, refine100Steps: 10, edits: 300, editsBudgetMs: 10_000 };
// id: the name in the results; query: bench.html's search string.
const ALL = [
  { id: 'wasm', query: 'backend=wasm' },
  { id: 'wasm-1thread', query: 'backend=wasm&threads=1' },
  { id: 'wasm-nothreads', query: 'backend=wasm-st' },
  { id: 'webgl', query: 'backend=webgl', slow: true },
  { id: 'webgpu', query: 'backend=webgpu', slow: true },
  { id: 'cpu', query: 'backend=cpu', slow: true },
];
const BACKENDS = ALL.filter((b) => !only || only.includes(b.id));
const SLIDER = { moves: quick ? 30 : 120, backends: ['auto', 'wasm'] };

const log = (...a) => console.error('[bench]', ...a);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model,
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** One backend on bench.html, in a fresh context so the download is cold. */
async function benchBackend(browser, { id: backend, query, slow }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`${backend} page error: ${e.message}`));
  try {
    await page.goto(`${BASE}bench.html?${query}`);
    const ready = await page.evaluate(() => window.__bench.ready);
    if ('error' in ready) return { backend, available: false, error: ready.error };
    const options = { ...(quick ? QUICK : FULL), ...(slow ? SLOW : {}) };
    const result = await page.evaluate((o) => window.__bench.run(o), options);
    return { available: true, options, ...result, backend };
  } catch (e) {
    return { backend, available: false, error: String(e?.message ?? e) };
  } finally {
    await context.close();
  }
}

/** The real app: keyboard moves on an attribute slider, keydown to the frame on the canvas plus one animation frame. */
async function sliderToScreen(browser, backend) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const navStart = Date.now();
    await page.goto(backend === 'auto' ? BASE : `${BASE}?backend=${backend}`);
    const canvas = page.getByTestId('face-canvas');
    await canvas.waitFor({ timeout: 180_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="face-canvas"]')?.dataset.frames ?? 0) > 0, null, {
      timeout: 180_000,
    });
    const firstFaceMs = Date.now() - navStart;
    const chosen = (await page.getByTestId('backend').textContent().catch(() => null))?.trim() ?? null;
    await page.evaluate(async () => {
      await window.__latentLab?.idle();
      const el = document.querySelector('[data-testid="face-canvas"]');
      let downAt = 0;
      document.addEventListener('keydown', () => (downAt = performance.now()), { capture: true });
      // Resolves with keydown -> frame drawn -> next animation frame, for the next key press.
      window.__sliderProbe = () => {
        const startFrames = Number(el.dataset.frames);
        return new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (Number(el.dataset.frames) <= startFrames) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - downAt));
          });
          obs.observe(el, { attributes: true, attributeFilter: ['data-frames'] });
        });
      };
    });
    const slider = page.locator('input[type=range]').first();
    await slider.focus();
    const before = await page.evaluate(() => window.__latentLab?.memory());
    const times = [];
    for (let i = 0; i < SLIDER.moves; i++) {
      const probe = page.evaluate(() => window.__sliderProbe());
      // Walk right then back, so the slider never sticks at an end.
      await page.keyboard.press(Math.floor(i / 10) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      times.push(await probe);
    }
    const after = await page.evaluate(async () => {
      await window.__latentLab?.idle();
      return window.__latentLab?.memory();
    });
    return { backend, chosen, firstFaceMs, ...stats(times), tensors: { before, after } };
  } catch (e) {
    return { backend, error: String(e?.message ?? e) };
  } finally {
    await context.close();
  }
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))];
  return { p50: at(50), p95: at(95), mean: s.reduce((a, b) => a + b, 0) / s.length, min: s[0], n: s.length };
}

function native() {
  try {
    const out = execFileSync('/usr/bin/python3', ['-m', 'latentlab.studies.bench', '../public/models/celeba64', '--onnx', ONNX_DIR, ...(quick ? ['--quick'] : [])], {
      cwd: join(root, 'training'),
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (e) {
    return { error: String(e?.message ?? e).slice(0, 500) };
  }
}

const FIGS = ['generatorFrameMs', 'encoderMs', 'refineStepMs', 'refine100Ms'];
const FLOPS_OF = { generatorFrameMs: 'generator', encoderMs: 'encoder', refineStepMs: 'refineStepApprox', refine100Ms: 'refineStepApprox' };

/** browser / native per figure, and each time as a fraction of the attainable FLOP/s (native float32 matmul). */
function derive(result, nat) {
  const flops = nat?.flops ?? {};
  // The attainable FLOP/s: the best float32 matmul measured in this run, native or in the browser (a slow native BLAS
  // would otherwise put the browser above 100%).
  result.achievedGflops = achieved(result, flops);
  const candidates = [['native PyTorch', nat?.matmulGflops], ...result.backends.map((b) => [`tfjs ${b.backend}`, b.matmulGflops])];
  const [peakSource, peak] = candidates.filter(([, g]) => Number.isFinite(g)).sort((a, b) => b[1] - a[1])[0] ?? ['none', undefined];
  result.attainable = { gflops: peak, source: peakSource };
  for (const b of result.backends) {
    if (!b.available) continue;
    b.ratioToNative = {};
    b.fractionOfPeak = {};
    for (const f of FIGS) {
      const mine = b[f];
      const theirs = nat?.[f];
      if (!mine) continue;
      if (theirs) b.ratioToNative[f] = { p50: mine.p50 / theirs.p50, p95: mine.p95 / theirs.p95 };
      const work = (flops[FLOPS_OF[f]] ?? 0) * (f === 'refine100Ms' ? 100 : 1);
      if (work && peak) b.fractionOfPeak[f] = work / (mine.p50 / 1000) / 1e9 / peak;
    }
  }
  if (nat && !nat.error && peak) {
    nat.fractionOfPeak = {};
    for (const f of FIGS) {
      const work = (flops[FLOPS_OF[f]] ?? 0) * (f === 'refine100Ms' ? 100 : 1);
      if (nat[f] && work) nat.fractionOfPeak[f] = work / (nat[f].p50 / 1000) / 1e9 / peak;
    }
  }
}

/** GFLOP/s each engine reaches on each network: the manifest's FLOP count over the p50 time. */
function achieved(result, flops) {
  const rate = (f, s) => (s?.p50 && flops[FLOPS_OF[f]] ? flops[FLOPS_OF[f]] / (s.p50 / 1000) / 1e9 : undefined);
  const rows = result.backends.filter((b) => b.available).map((b) => [`tfjs ${b.backend}`, b]);
  if (result.native && !result.native.error) rows.push(['native PyTorch', result.native]);
  if (result.onnxRuntime && !result.onnxRuntime.error) rows.push([`onnxruntime-node ${result.onnxRuntime.version}`, result.onnxRuntime]);
  return rows.map(([engine, r]) => ({ engine, ...Object.fromEntries(FIGS.slice(0, 3).map((f) => [f, rate(f, r[f])])) }));
}

const fmt = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const pair = (s) =>
  s
    ? `${fmt(s.p50)} / ${fmt(s.p95)}${s.reduced ? ` (n=${s.n})` : ''}${s.extrapolatedFromSteps ? ` (×100/${s.extrapolatedFromSteps})` : ''}`
    : '–';

function markdown(r) {
  const L = [];
  const m = r.machine;
  L.push(`# Latent Lab benchmark`, '');
  L.push(`${r.date} · ${r.quick ? 'quick run' : 'full run'} · model \`${r.modelId}\` · \`npm run bench${r.quick ? ' -- --quick' : ''}\``, '');
  L.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; load average ${m.loadAverage.join(' / ')} at start,`);
  L.push(`${r.loadAverageEnd.join(' / ')} at end. Browser: ${r.browser} (headless). Native: PyTorch ${r.native?.torch ?? '–'}, ${r.native?.threads ?? '–'} threads.`, '');
  L.push('Times in ms, p50 / p95; `(n=…)` marks a figure cut short by its time budget (slow backends); `(×100/10)` a');
  L.push('figure scaled from a shorter run; a missing figure was skipped (quick run, slow backend).', '');
  L.push('| backend | generator frame | encoder | refine step | 100 refine steps | 100 yields: nextTask / setTimeout(0) | matmul GFLOP/s | tensors before → after edits |');
  L.push('|---|---|---|---|---|---|---|---|');
  for (const b of r.backends) {
    if (!b.available) {
      L.push(`| ${b.backend} | unavailable: ${b.error} | | | | | | |`);
      continue;
    }
    const mem = b.memory;
    L.push(
      `| ${b.backend}${b.threads ? ` (${b.threads} threads)` : ''} | ${pair(b.generatorFrameMs)} | ${pair(b.encoderMs)} | ${pair(b.refineStepMs)} | ${pair(b.refine100Ms)} | ${fmt(b.yield100Ms)} / ${fmt(b.setTimeout100Ms)} | ${fmt(b.matmulGflops)} | ${mem.before.tensors} → ${mem.after.tensors} (${mem.before.bytes} → ${mem.after.bytes} B, ${mem.edits} edits${mem.equal ? '' : ', **GREW**'}) |`,
    );
  }
  const n = r.native;
  if (n && !n.error) {
    L.push(`| **native PyTorch** | ${pair(n.generatorFrameMs)} | ${pair(n.encoderMs)} | ${pair(n.refineStepMs)} | ${pair(n.refine100Ms)} | | ${fmt(n.matmulGflops)} | |`);
  } else L.push(`| native PyTorch | ${n?.error ?? 'skipped'} | | | | | | |`);
  const o = r.onnxRuntime;
  if (o && !o.error) L.push(`| **onnxruntime-node ${o.version}** (${o.threads} threads) | ${pair(o.generatorFrameMs)} | ${pair(o.encoderMs)} | – | – | | | |`);
  else L.push(`| onnxruntime-node | ${o?.error ?? 'skipped'} | | | | | | |`);
  L.push('', '## Browser / native (p50 ratio; p95 ratio)', '');
  L.push('| backend | generator frame | encoder | refine step | 100 refine steps |', '|---|---|---|---|---|');
  for (const b of r.backends.filter((x) => x.available)) {
    L.push(`| ${b.backend} | ${FIGS.map((f) => (b.ratioToNative?.[f] ? `${fmt(b.ratioToNative[f].p50)}x; ${fmt(b.ratioToNative[f].p95)}x` : '–')).join(' | ')} |`);
  }
  L.push('', '## GFLOP/s reached (FLOPs of the network / p50 time)', '');
  L.push('| engine | generator frame | encoder | refine step (≈ 3x generator) |', '|---|---|---|---|');
  for (const a of r.achievedGflops ?? []) L.push(`| ${a.engine} | ${fmt(a.generatorFrameMs)} | ${fmt(a.encoderMs)} | ${fmt(a.refineStepMs)} |`);
  L.push('', '## Fraction of the attainable FLOP/s', '');
  L.push(
    `FLOPs: generator ${fmt(n?.flops?.generator / 1e6, 1)} M, encoder ${fmt(n?.flops?.encoder / 1e6, 1)} M, refine step ≈ ${fmt(n?.flops?.refineStepApprox / 1e6, 1)} M (3x generator).`,
  );
  L.push(
    `Attainable: the best float32 matmul of this run, ${fmt(r.attainable?.gflops)} GFLOP/s (${r.attainable?.source}); native PyTorch's 1024² matmul gave ${fmt(n?.matmulGflops)}. Fraction = FLOPs / p50 time / attainable.`,
    '',
  );
  L.push('| backend | generator frame | encoder | refine step | 100 refine steps |', '|---|---|---|---|---|');
  const pctRow = (name, fr) => `| ${name} | ${FIGS.map((f) => (fr?.[f] !== undefined ? `${fmt(fr[f] * 100, 1)}%` : '–')).join(' | ')} |`;
  for (const b of r.backends.filter((x) => x.available)) L.push(pctRow(b.backend, b.fractionOfPeak));
  if (n?.fractionOfPeak) L.push(pctRow('native PyTorch', n.fractionOfPeak));
  L.push('', '## Cold start (bench.html: navigation → first face on a canvas)', '');
  L.push('| backend | script | backend init | download | warm-up (first frame) | total |', '|---|---|---|---|---|---|');
  for (const b of r.backends.filter((x) => x.available)) {
    const c = b.coldStart;
    L.push(`| ${b.backend} | ${fmt(c.scriptMs, 0)} | ${fmt(c.backendInitMs, 0)} | ${fmt(c.downloadMs, 0)} | ${fmt(c.warmupMs, 0)} | ${fmt(c.totalMs, 0)} |`);
  }
  L.push('', '## Slider to screen (the real app: keydown on a slider → frame drawn → next animation frame)', '');
  L.push('| app backend | chosen | moves | p50 | p95 | first face (navigation → frame) | engine tensors before → after |', '|---|---|---|---|---|---|---|');
  for (const s of r.sliderToScreen) {
    if (s.error) L.push(`| ${s.backend} | error: ${s.error} | | | | | |`);
    else L.push(`| ${s.backend} | ${s.chosen ?? '–'} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.firstFaceMs, 0)} | ${s.tensors.before} → ${s.tensors.after} |`);
  }
  L.push('', '## Notes', '');
  L.push('- generator frame = latent → Renderer.render (readback of RGBA) → ImageBitmap → drawImage, as the worker does.');
  L.push('- encoder = GanModel.encode on one image + readback. Native = the same layers in PyTorch, no readback; onnxruntime-node = the same layers exported from PyTorch to ONNX (opset 13), graph optimisations on, one output copy.');
  L.push('- wasm runs as many threads as the page reports cores (at most 8) when cross-origin isolated; wasm-1thread is the same build pinned to 1 thread (tfjs\'s default on 2 cores before), wasm-nothreads the non-threaded SIMD build.');
  L.push('- refine step = one full `refine()` call of 1 step (setup, Adam step, the report forward, readback); 100 refine steps = `refine()` of 100 steps, one report. Native refine step = one Adam step (forward + backward).');
  L.push('- webgpu in headless Chromium here is SwiftShader (CPU emulation); cpu is the tfjs reference backend. Both get a smaller time budget.');
  L.push('- Memory: tf.memory() before and after the edits (renders with a changed attribute), in the page.');
  return L.join('\n') + '\n';
}

async function main() {
  if (argv.includes('--report-only')) {
    // Re-derive and re-render the last results (no measuring).
    const result = JSON.parse(readFileSync(join(root, 'bench/results/results.json'), 'utf8'));
    derive(result, result.native);
    writeFileSync(join(root, 'bench/results/results.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(root, 'bench/results/results.md'), markdown(result));
    return;
  }
  const mach = machine();
  log(`machine: ${mach.cpu}, ${mach.cores} cores, load ${mach.loadAverage.join(' ')}`);
  if (build) {
    const [cmd, args] = DIST ? ['npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir']] : ['npm', ['run', 'build']];
    log(`${cmd} ${args.join(' ')}`);
    execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const server = await startPreview({ root, port: PORT, outDir: DIST });
  let browser;
  try {
    const manifest = await (await fetch(`${BASE}models/celeba64/manifest.json`)).json();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const result = {
      date: new Date().toISOString(),
      quick,
      modelId: manifest.id,
      model: { latent: manifest.latent.size, attributes: manifest.attributes.length, resolution: manifest.resolution },
      machine: mach,
      browser: `Chromium ${browser.version()}`,
      backends: [],
      sliderToScreen: [],
    };
    for (const b of BACKENDS) {
      log(`${elapsed()} bench.html?${b.query}`);
      const r = await benchBackend(browser, b);
      log(`${elapsed()} ${b.id}: ${r.available ? `frame p50 ${fmt(r.generatorFrameMs?.p50)} ms` : r.error}`);
      result.backends.push(r);
    }
    for (const b of SLIDER.backends) {
      log(`${elapsed()} slider to screen, app backend ${b}`);
      const r = await sliderToScreen(browser, b);
      log(`${elapsed()} ${b}: ${r.error ?? `p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} ms`}`);
      result.sliderToScreen.push(r);
    }
    await browser.close();
    browser = null;
    server.stop();
    if (!skipNative) {
      log(`${elapsed()} native PyTorch`);
      result.native = native();
      log(`${elapsed()} onnxruntime-node`);
      result.onnxRuntime = result.native.onnx
        ? await benchOnnx(result.native.onnx, { frames: quick ? 50 : 200 })
        : { error: 'no ONNX export (native side failed)' };
    }
    derive(result, result.native);
    result.loadAverageEnd = os.loadavg().map((x) => +x.toFixed(2));
    result.wallSeconds = (Date.now() - t0) / 1000;
    writeFileSync(join(root, 'bench/results/results.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(root, 'bench/results/results.md'), markdown(result));
    log(`${elapsed()} wrote bench/results/results.json and bench/results/results.md`);
    process.stdout.write(markdown(result));
  } finally {
    await browser?.close();
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
