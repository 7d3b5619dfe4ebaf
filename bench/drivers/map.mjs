// `npm run bench:map [-- --runs 7] [-- --no-build] [-- --port 4193] [-- --out-dir DIR] [-- --note TEXT]`: how long "the latent map of
// 1,000 faces is ready" takes in the real app (Debian's Chromium, headless, WASM): sampling 1,000 seeded faces, PCA of
// their [z; 2y] vectors and projection, and 16 thumbnails rendered by the engine's batch. Timed in the page from the
// click on "New sample" to the map's status turning ready (MutationObserver, no polling), plus the app's own stage
// times. The first map (built while the first face is also being drawn) is reported apart. Writes bench/results/map.json and
// bench/results/map.md. Measures only; asserts nothing.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startPreview } from '../lib/previewServer.mjs';

const root = resolve(import.meta.dirname, '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('runs', 7));
const port = Number(arg('port', 4193));
const outDir = arg('out-dir', '/tmp/latentlab-bench-map-dist');
const log = (...a) => console.error('[bench:map]', ...a);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const load = () => os.loadavg().map((x) => +x.toFixed(2));

if (!process.argv.includes('--no-build')) {
  log('building into', outDir);
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const server = await startPreview({ root, port, outDir });

const loadBefore = load();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  await page.goto(`${server.url}?backend=wasm`);
  await page.getByTestId('backend').waitFor({ timeout: 180_000 });
  const map = page.getByTestId('latent-map');
  await page.waitForSelector('[data-testid=latent-map][data-status=ready]', { timeout: 180_000 });
  const stages = async () => JSON.parse((await page.getByTestId('map-ready-ms').getAttribute('data-stages')) || 'null');
  const first = { ms: Number(await page.getByTestId('map-ready-ms').getAttribute('data-ms')), stages: await stages() };
  log('first map', JSON.stringify(first));
  await page.evaluate(() => window.__latentLab.idle());

  const rows = [];
  for (let i = 0; i < runs; i++) {
    const wallMs = await page.evaluate(
      () =>
        new Promise((resolveRun) => {
          const area = document.querySelector('[data-testid=latent-map]');
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'New sample');
          let started = 0;
          let left = false;
          const observer = new MutationObserver(() => {
            const status = area.getAttribute('data-status');
            if (status !== 'ready') left = true;
            else if (left) {
              observer.disconnect();
              resolveRun(performance.now() - started);
            }
          });
          observer.observe(area, { attributes: true, attributeFilter: ['data-status'] });
          started = performance.now();
          button.click();
        }),
    );
    await map.getAttribute('data-status');
    const row = { wallMs: +wallMs.toFixed(1), ...(await stages()), load1: +os.loadavg()[0].toFixed(2) };
    rows.push(row);
    log(`run ${i + 1}/${runs}`, JSON.stringify(row));
  }
  const walls = rows.map((r) => r.wallMs);
  const result = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadBefore, loadAfter: load() },
    backend: await page.getByTestId('backend').textContent(),
    faces: 1000,
    thumbnails: await map.getByRole('button', { name: /^Pick map face \d+$/ }).count(),
    first,
    runs: rows,
    p50Ms: pct(walls, 0.5),
    p90Ms: pct(walls, 0.9),
    maxMs: Math.max(...walls),
  };
  writeFileSync(resolve(root, 'bench/results/map.json'), `${JSON.stringify(result, null, 1)}\n`);
  const stage = (k) => pct(rows.map((r) => r[k]), 0.5).toFixed(0);
  const md = [
    '# Latent map speed (`npm run bench:map`)',
    '',
    `"Map of 1,000 faces ready": click on "New sample" to the map drawn with its ${result.thumbnails} thumbnails, in the`,
    `real app, Debian's Chromium headless, backend ${result.backend}; ${runs} runs after the first map. Written by`,
    '`bench/drivers/map.mjs` (target: within 3 s on the 2-core machine).',
    '',
    '| figure | ms |',
    '|---|---|',
    `| ready, p50 | ${result.p50Ms.toFixed(0)} |`,
    `| ready, p90 | ${result.p90Ms.toFixed(0)} |`,
    `| ready, slowest | ${result.maxMs.toFixed(0)} |`,
    `| stages (p50): sampling / PCA + projection / thumbnails | ${stage('sample')} / ${stage('pca')} / ${stage('thumbs')} |`,
    `| first map, built while the first face loads | ${first.ms.toFixed(0)} |`,
    '',
    `Machine: ${result.machine.cpu}, ${result.machine.cores} cores; load average (1, 5, 15 min) ${loadBefore.join(', ')}`,
    `before and ${result.machine.loadAfter.join(', ')} after (shared with other work). Measured ${result.date}.`,
    '',
    ...(arg('note') ? [arg('note'), ''] : []),
  ].join('\n');
  writeFileSync(resolve(root, 'bench/results/map.md'), md);
  log(md);
} finally {
  await browser.close();
  server.stop();
}
