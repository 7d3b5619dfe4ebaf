// Shared by bench/drivers/photos.mjs, bench/drivers/identity.mjs and bench/drivers/readmeImage.mjs: builds the app with bench/pages/photos.html,
// serves it with `vite preview`, and opens the page in Debian's Chromium. Photos (the shared CelebA files, or another
// folder's) are read from disk at run time and answered under /__data/ (never copied into the build or the repository).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startPreview } from './previewServer.mjs';

export const root = resolve(import.meta.dirname, '../..');
export const celeba = resolve(root, '../shared/datasets/celeba');

export const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
export const flag = (name) => process.argv.includes(`--${name}`);
export const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

/**
 * Builds (unless --no-build) into --out-dir, serves it on --port with `dataDir`'s files under /__data/ (and each
 * folder of `mounts` under /<its key>/, e.g. { __meet: dir }), and returns the photo page and a close(). `port` and
 * `outDir` are the defaults of --port and --out-dir (a driver of its own gives its own, so two can run at once).
 */
export async function openPhotoPage(
  dataDir = celeba,
  { mounts = {}, port: defaultPort = 4179, outDir: defaultOutDir = '/tmp/latentlab-bench-photos-dist' } = {},
) {
  const outDir = arg('out-dir', defaultOutDir);
  const port = Number(arg('port', defaultPort));
  const config = 'build/benchPhotos.config.ts';
  if (!flag('no-build')) {
    execFileSync('npx', ['vite', 'build', '--config', config, '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const server = await startPreview({ root, port, outDir, config });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  for (const [prefix, dir] of Object.entries({ __data: dataDir, ...mounts })) {
    await page.route(`**/${prefix}/**`, (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.split(`/${prefix}/`)[1] ?? '');
      if (rel.includes('..')) return route.abort();
      return route.fulfill({ path: resolve(dir, rel), headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
    });
  }
  const query = arg('query', '');
  await page.goto(`${server.url}bench/pages/photos.html${query ? `?${query}` : ''}`);
  const ready = await page.evaluate(() => window.__photos.ready);
  if (ready.error) throw new Error(`photo page: ${ready.error}`);
  log('page ready', JSON.stringify(ready));
  return {
    page,
    ready,
    close: async () => {
      await browser.close();
      server.stop();
    },
  };
}

/** Nearest-rank percentile. */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))];
};
export const mean = (xs) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
