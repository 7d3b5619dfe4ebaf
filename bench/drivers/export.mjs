// `npm run bench:export [-- --no-build] [-- --runs=3]`: a 60-frame, 256 px GIF of an interpolation exported end to end
// in the real app (Debian's Chromium, headless, WASM): from the click on "Export GIF" to the browser's download, so
// rendering (engine.batch), encoding (gifenc in the export worker) and saving are all inside. The same for WebM, for
// comparison. Writes bench/results/export.json and bench/results/export.md. Measures only; asserts nothing. BENCH_DIST=folder builds
// and serves there instead of dist/; BENCH_PORT picks the preview port (4181).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from '../lib/previewServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const build = !argv.includes('--no-build');
const RUNS = Number(argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const DIST = process.env.BENCH_DIST;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRAMES = 60;
const SIZE = 256;
const TARGET_S = 10;

const log = (...a) => console.error('[bench:export]', ...a);
const load = () => os.loadavg().map((x) => +x.toFixed(2));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Two faces chosen as A and B, then the export form set to 60 frames at 256 px. */
async function prepare(page, base) {
  await page.goto(`${base}?backend=wasm`);
  await page.getByTestId('backend').waitFor({ timeout: 180_000 });
  for (const seed of [1, 2]) {
    await page.getByLabel('Seed', { exact: true }).fill(String(seed));
    await page.getByRole('button', { name: 'New random face' }).click();
  }
  await page.getByLabel('Face A').selectOption({ label: 'Seed 1' });
  await page.getByLabel('Face B').selectOption({ label: 'Seed 2' });
  await page.getByLabel('Animation', { exact: true }).selectOption('interpolation');
  await page.getByLabel('Export size').selectOption({ label: `${SIZE} px` });
  await page.getByLabel('Frames', { exact: true }).fill(String(FRAMES));
  await page.evaluate(() => window.__latentLab.idle());
}

/** Seconds from the click to the download, and the file's size. */
async function timeExport(page, format) {
  const button = page.getByRole('button', { name: `Export ${format}` });
  await button.waitFor();
  const download = page.waitForEvent('download', { timeout: 300_000 });
  const t0 = performance.now();
  await button.click();
  const file = await download;
  const seconds = (performance.now() - t0) / 1000;
  const bytes = statSync(await file.path()).size;
  return { seconds: +seconds.toFixed(2), bytes, load1: load()[0] };
}

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
const machine = { cpu, cores: os.cpus().length, loadAtStart: load() };
log(`machine: ${cpu}, ${machine.cores} cores, load ${machine.loadAtStart.join(' ')}`);
if (build) {
  const [cmd, args] = DIST ? ['npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir']] : ['npm', ['run', 'build']];
  log(`${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const result = { date: new Date().toISOString(), frames: FRAMES, size: SIZE, targetSeconds: TARGET_S, machine, runs: {} };
const server = await startPreview({ root, port: PORT, outDir: DIST });
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  result.browser = `Chromium ${browser.version()}`;
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await prepare(page, server.url);
  for (const format of ['GIF', 'WebM']) {
    result.runs[format] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timeExport(page, format);
      log(`${format} run ${i + 1}: ${run.seconds} s, ${(run.bytes / 1024).toFixed(0)} KB, load ${run.load1}`);
      result.runs[format].push(run);
    }
  }
} finally {
  await browser?.close();
  server.stop();
}
result.machine.loadAtEnd = load();
const summary = (runs) => ({ medianSeconds: median(runs.map((r) => r.seconds)), runs: runs.length });
result.gif = summary(result.runs.GIF);
result.webm = summary(result.runs.WebM);
writeFileSync(join(root, 'bench/results/export.json'), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(root, 'bench/results/export.md'), markdown(result));
log(`GIF median ${result.gif.medianSeconds} s (target ${TARGET_S} s); WebM median ${result.webm.medianSeconds} s`);

function markdown(r) {
  const rows = (format) =>
    r.runs[format].map((x, i) => `| ${format} | ${i + 1} | ${x.seconds} | ${(x.bytes / 1024).toFixed(0)} | ${x.load1} |`);
  return [
    '# Export benchmark',
    '',
    `Written by \`npm run bench:export\` (bench/drivers/export.mjs) on ${r.date}. An interpolation of ${r.frames} frames at`,
    `${r.size} px exported in the real app (WASM backend, ${r.browser}, headless), timed from the click on Export to the`,
    'download: rendering by the engine, encoding in the export worker (gifenc for GIF; WebCodecs VP9/VP8 and',
    'mediabunny for WebM) and saving.',
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores; load average (1, 5, 15 min) ${r.machine.loadAtStart.join(', ')}`,
    `at the start and ${r.machine.loadAtEnd.join(', ')} at the end: above 2 the cores were shared with other work.`,
    '',
    `**GIF, ${r.frames} frames, ${r.size} px: median ${r.gif.medianSeconds} s over ${r.gif.runs} runs** (target: within ${r.targetSeconds} s).`,
    `WebM, same frames: median ${r.webm.medianSeconds} s.`,
    '',
    '| format | run | seconds | KB | load (1 min) |',
    '|---|---|---|---|---|',
    ...rows('GIF'),
    ...rows('WebM'),
    '',
  ].join('\n');
}
