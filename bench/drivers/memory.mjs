// `npm run bench:memory`: what getting a 640 px face region's bytes to the page costs in a worker of the real browser
// (Debian's Chromium, headless): new memory against reused memory, and the ways of making a bitmap of the region.
// On the 2-core machine the first write into new memory is what costs (its pages are mapped in one by one), which is
// why live photo frames reuse their buffers (src/engine/photo/patchBuffers.ts) and their edit layer's arrays. A page and a
// worker served from a throwaway local server; prints a table, writes nothing. Measures only; asserts nothing.
import { createServer } from 'node:http';
import os from 'node:os';
import { chromium } from '@playwright/test';

const W = 640;
const H = 639; // the largest live region (PhotoEdit's PREVIEW_MAX_SIDE), as a typical face gives it
const REPEATS = 60;

// The worker: each operation timed REPEATS times after a warm-up; p50 and p95 in ms.
const worker = `
const W = ${W}, H = ${H}, REPEATS = ${REPEATS};
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
async function time(name, f) {
  for (let i = 0; i < 5; i++) await f();
  const ts = [];
  for (let i = 0; i < REPEATS; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); }
  return { name, p50: q(ts, 0.5), p95: q(ts, 0.95) };
}
onmessage = async () => {
  const rows = [];
  const bytes = W * H * 4;
  const region = new Uint8ClampedArray(bytes).fill(200);
  for (const kb of [16, 256, 1024]) {
    const a = new Uint8Array(kb * 1024);
    rows.push(await time('copy of ' + kb + ' KB into new memory (slice)', () => a.slice()));
  }
  rows.push(await time('copy of the region (' + (bytes / 1048576).toFixed(2) + ' MB) into new memory (slice)', () => region.slice()));
  const kept = new Uint8ClampedArray(bytes);
  rows.push(await time('the same copy into a reused buffer (set)', () => kept.set(region)));
  rows.push(await time('a new buffer of that size, not written', () => new Uint8ClampedArray(bytes)));
  rows.push(await time('a new buffer of that size, written once (fill)', () => new Uint8ClampedArray(bytes).fill(1)));
  rows.push(await time('createImageBitmap of the region, closed at once', async () =>
    (await createImageBitmap(new ImageData(region, W, H))).close()));
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  rows.push(await time('putImageData on an OffscreenCanvas + transferToImageBitmap', () => {
    ctx.putImageData(new ImageData(region, W, H), 0, 0);
    canvas.transferToImageBitmap().close();
  }));
  postMessage(rows);
};`;
const page = `<!doctype html><script>
const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(worker)}], { type: 'text/javascript' })));
w.onmessage = (e) => (window.rows = e.data);
w.postMessage(0);
</script>`;

const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'text/html',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  res.end(page);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.rows, null, { timeout: 120_000 });
  const rows = await tab.evaluate(() => window.rows);
  const lines = [
    `# New memory against reused memory in a Chromium worker (\`npm run bench:memory\`)`,
    '',
    `${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores; load ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}; ${REPEATS} repeats each.`,
    '',
    '| operation | p50 ms | p95 ms |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} |`),
  ];
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  server.close();
}
