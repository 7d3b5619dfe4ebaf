// Photo figures (issue 4) over N real "in the wild" CelebA photos, through the real app in Debian's Chromium:
// detection rate, reconstruction PSNR against the aligned crop (encoder only, and after refinement), and the time
// from the file reaching the page to the first result and to the refined result.
// Usage: npm run bench:photos -- [--n 50] [--backend wasm] [--no-build]   (writes bench/photos.json and .md)
import { execSync, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const root = resolve(import.meta.dirname, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('n', 50));
const backend = arg('backend', 'wasm');
const port = 4190;
const wildDir = resolve(root, '../shared/datasets/celeba/wild');
const photos = readdirSync(wildDir).filter((f) => f.endsWith('.jpg')).sort().slice(0, n);

if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: root, stdio: 'inherit' });
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);
await new Promise((r) => setTimeout(r, 2500));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(`http://localhost:${port}/?backend=${backend}`);
await page.getByTestId('backend').waitFor({ timeout: 120_000 });
const active = await page.getByTestId('backend').textContent();

const rows = [];
for (const name of photos) {
  // Close the previous photo first, so nothing below reads its finished state.
  const close = page.getByRole('button', { name: 'Close photo' });
  if (await close.isVisible()) await close.click();
  await page.getByTestId('photo-status').waitFor({ state: 'detached' });
  const t = await page.evaluate(async () => {
    // Time from the file input's change event, in page time; the status element tells each phase.
    window.__photoT0 = undefined;
    document.querySelector('[data-testid="photo-input"]').addEventListener('change', () => (window.__photoT0 = performance.now()), { once: true });
  });
  void t;
  await page.getByTestId('photo-input').setInputFiles(resolve(wildDir, name));
  const result = await page.evaluate(
    () =>
      new Promise((done) => {
        const t0 = window.__photoT0 ?? performance.now();
        let first = null;
        const tick = () => {
          const psnr = document.querySelector('[data-testid="photo-psnr"]');
          const status = document.querySelector('[data-testid="photo-status"]');
          const phase = status?.getAttribute('data-phase');
          if (first === null && psnr?.getAttribute('data-first-psnr')) first = performance.now() - t0;
          if (!status) return requestAnimationFrame(tick);
          if (phase === 'done' || phase === 'no-face' || phase === 'failed') {
            done({
              phase,
              firstMs: first,
              refinedMs: performance.now() - t0,
              firstPsnr: Number(psnr?.getAttribute('data-first-psnr') || NaN),
              psnr: Number(psnr?.getAttribute('data-psnr') || NaN),
              steps: Number((psnr?.textContent ?? '').match(/step (\d+)/)?.[1] ?? 0),
              faces: document.querySelectorAll('[data-testid="face-box"]').length,
              alignError: Number(document.querySelector('[data-testid="aligned-crop"]')?.getAttribute('data-align-error') || NaN),
            });
          } else requestAnimationFrame(tick);
        };
        tick();
      }),
  );
  rows.push({ photo: name, ...result });
  console.log(name, JSON.stringify(result));
}
await browser.close();
stop();

const ok = rows.filter((r) => r.phase === 'done');
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))];
};
const summary = {
  backend: active,
  photos: rows.length,
  detected: ok.length,
  detectionRate: ok.length / rows.length,
  psnrEncoder: mean(ok.map((r) => r.firstPsnr)),
  psnrRefined: mean(ok.map((r) => r.psnr)),
  meanSteps: mean(ok.map((r) => r.steps)),
  meanAlignErrorPx: mean(ok.map((r) => r.alignError)),
  firstResultMs: { p50: pct(ok.map((r) => r.firstMs), 50), p95: pct(ok.map((r) => r.firstMs), 95) },
  refinedMs: { p50: pct(ok.map((r) => r.refinedMs), 50), p95: pct(ok.map((r) => r.refinedMs), 95) },
  loadavg: (await import('node:os')).loadavg(),
};
writeFileSync(resolve(root, 'bench/photos.json'), JSON.stringify({ summary, rows }, null, 1));
writeFileSync(
  resolve(root, 'bench/photos.md'),
  [
    `# Photo inversion over ${rows.length} CelebA "in the wild" photos (backend ${active})`,
    '',
    'Written by `npm run bench:photos`. Time runs from the file reaching the page (input change) to the first',
    '(encoder) result and to the end of refinement (early stop or 200 steps). PSNR is against the aligned 64x64 crop.',
    '',
    '| figure | value |',
    '|---|---|',
    `| faces found | ${ok.length} / ${rows.length} (${(100 * summary.detectionRate).toFixed(0)}%) |`,
    `| PSNR, encoder only | ${summary.psnrEncoder.toFixed(2)} dB |`,
    `| PSNR, after refinement | ${summary.psnrRefined.toFixed(2)} dB (mean ${summary.meanSteps.toFixed(0)} steps) |`,
    `| landmark residual after alignment | ${summary.meanAlignErrorPx.toFixed(2)} px at 64 px |`,
    `| drop to first result | p50 ${summary.firstResultMs.p50?.toFixed(0)} ms, p95 ${summary.firstResultMs.p95?.toFixed(0)} ms |`,
    `| drop to refined result | p50 ${summary.refinedMs.p50?.toFixed(0)} ms, p95 ${summary.refinedMs.p95?.toFixed(0)} ms |`,
    `| load average during the run | ${summary.loadavg.map((x) => x.toFixed(2)).join(', ')} |`,
    '',
  ].join('\n'),
);
console.log(JSON.stringify(summary, null, 1));
