// `npm run bench:load [-- --dist DIR,DIR2] [-- --loads 4] [-- --backend wasm] [-- --port 4230]`: how long the real
// app takes from navigation to a ready engine (the backend's name on the page: weights downloaded, the backend chosen,
// the model warmed up), in Debian's Chromium, headless, each load in a fresh context (nothing cached). Without --dist
// it builds this tree; with several folders (other builds, e.g. a `git archive` of an older commit), their loads
// alternate so that each sees the same machine. Prints a table; writes nothing. Measures only; asserts nothing.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startPreview } from '../lib/previewServer.mjs';

const root = resolve(import.meta.dirname, '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const loads = Number(arg('loads', 4));
const backend = arg('backend', 'wasm');
const port = Number(arg('port', 4230));
let dists = arg('dist', '').split(',').filter(Boolean);
if (dists.length === 0) {
  dists = ['/tmp/latentlab-bench-load-dist'];
  execFileSync('npx', ['vite', 'build', '--outDir', dists[0], '--emptyOutDir'], { cwd: root, stdio: 'ignore' });
}

const servers = await Promise.all(dists.map((outDir, i) => startPreview({ root, port: port + i, outDir })));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const ms = dists.map(() => []);
try {
  for (let n = 0; n < loads; n++) {
    for (const [i, server] of servers.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${server.url}?backend=${backend}`);
      await page.getByTestId('backend').waitFor({ timeout: 180_000 });
      ms[i].push(Date.now() - start);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| build | loads (ms, navigation -> engine ready, ${backend}) | median ms |\n|---|---|---|`);
for (const [i, dir] of dists.entries()) console.log(`| ${dir} | ${ms[i].join(', ')} | ${median(ms[i])} |`);
