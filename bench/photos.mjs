// Photo figures (issue 15, items 3 and 5) over the shared CelebA "in the wild" photos, in Debian's Chromium, WASM:
// - detection rate of the app's detector (several tiny-detector sizes, SSD MobileNet v1 when they find nothing)
//   against the single-size detector it replaced and SSD alone (bench/photos.html's main thread);
// - through the app's engine worker, as a dropped file goes: drop -> face found -> first (encoder) result on screen ->
//   refined result; PSNR against the aligned 64 px crop; identity distance (face-api's recognition network) between
//   the aligned photo and the reconstructions, and the aligned photo downscaled to 64 px (the ceiling), judged with
//   the threshold bench/identity.mjs calibrated on CelebA person ids (bench/identity.json).
// Refinement (about 20-40 s a photo on 2 cores) runs on --refine photos spread evenly over the set; every photo gets
// detection and the encoder. Rows are appended to a file outside git as they finish, so a stopped run resumes.
// Usage: npm run bench:photos -- [--n 300] [--refine 50] [--no-build] [--fresh] [--port 4179] [--out-dir DIR]
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { arg, celeba, flag, log, mean, openPhotoPage, pct, root } from './photoBrowser.mjs';

const all = readdirSync(resolve(celeba, 'wild'))
  .filter((f) => f.endsWith('.jpg'))
  .sort();
const photos = all.slice(0, Number(arg('n', all.length)));
const refineCount = Math.min(photos.length, Number(arg('refine', 50)));
const every = photos.length / Math.max(1, refineCount);
const refineSet = new Set(Array.from({ length: refineCount }, (_, i) => photos[Math.floor(i * every)]));
const rowsFile = arg('rows', resolve(os.tmpdir(), 'latentlab-bench-photos', 'rows.jsonl'));
mkdirSync(dirname(rowsFile), { recursive: true });
if (flag('fresh')) rmSync(rowsFile, { force: true });
const identityFile = resolve(root, 'bench/identity.json');
if (!existsSync(identityFile)) throw new Error('bench/identity.json is missing: run `npm run bench:identity` first');
const calibration = JSON.parse(readFileSync(identityFile, 'utf8'));
const threshold = calibration.threshold;

const readRows = () =>
  existsSync(rowsFile)
    ? readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const done = new Set(readRows().map((r) => r.photo));
const todo = photos.filter((p) => !done.has(p));
const loadStart = os.loadavg();
log(`${photos.length} photos (${todo.length} to run), refining ${refineCount}; rows in ${rowsFile}`);
if (todo.length > 0) {
  const { page, close } = await openPhotoPage();
  for (const [i, photo] of todo.entries()) {
    const url = `/__data/wild/${photo}`;
    const detect = await page.evaluate((u) => window.__photos.detect(u), url);
    const refine = refineSet.has(photo);
    const result = await page.evaluate(([u, r]) => window.__photos.invert(u, r), [url, refine]);
    const row = { photo, refine, detect, ...result };
    appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
    log(`${i + 1}/${todo.length} ${photo}`, JSON.stringify(row));
  }
  await close();
}

const rows = readRows().filter((r) => photos.includes(r.photo));
const ok = rows.filter((r) => r.phase === 'done');
const refined = ok.filter((r) => r.refine && r.psnr !== undefined);
const p = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), n: xs.length });
const share = (xs) => ({ same: xs.filter((d) => d < threshold).length, of: xs.length, meanDistance: mean(xs) });
const strategies = Object.keys(rows[0]?.detect ?? {});
const summary = {
  photos: rows.length,
  refinedPhotos: refined.length,
  detection: Object.fromEntries(
    strategies.map((s) => [
      s,
      { found: rows.filter((r) => r.detect[s].faces > 0).length, ms: p(rows.map((r) => r.detect[s].ms)) },
    ]),
  ),
  detectedByApp: ok.length,
  missedByApp: rows.filter((r) => r.phase !== 'done').map((r) => r.photo),
  meanAlignErrorPx: mean(ok.map((r) => r.alignError)),
  psnrEncoder: mean(ok.map((r) => r.firstPsnr)),
  psnrEncoderRefinedSet: mean(refined.map((r) => r.firstPsnr)),
  psnrRefined: mean(refined.map((r) => r.psnr)),
  meanSteps: mean(refined.map((r) => r.steps)),
  foundMs: p(ok.map((r) => r.foundMs)),
  firstResultMs: p(ok.map((r) => r.firstMs)),
  foundToFirstMs: p(ok.map((r) => r.firstMs - r.foundMs)),
  refinedMs: p(refined.map((r) => r.refinedMs)),
  identity: {
    threshold,
    downscaled64: share(ok.map((r) => r.distances.downscaled)),
    encoder: share(ok.map((r) => r.distances.encoder)),
    encoderRefinedSet: share(refined.map((r) => r.distances.encoder)),
    refined: share(refined.map((r) => r.distances.refined)),
  },
  loadavg: { start: loadStart, end: os.loadavg() },
};
writeFileSync(resolve(root, 'bench/photos.json'), `${JSON.stringify({ summary, rows }, null, 1)}\n`);

const ms = (s) => `p50 ${s.p50?.toFixed(0)} ms, p95 ${s.p95?.toFixed(0)} ms (n ${s.n})`;
const frac = (a, b) => `${a} / ${b} (${((100 * a) / Math.max(1, b)).toFixed(0)}%)`;
const id = (s) => `${frac(s.same, s.of)}, mean distance ${s.meanDistance.toFixed(3)}`;
const det = summary.detection;
const STRATEGY_NAMES = {
  single416: 'before: tiny detector at 416 only',
  default: 'now: tiny at 416 and 224, SSD MobileNet v1 when they find nothing',
  ssdOnly: 'SSD MobileNet v1 alone',
};
const id15 = summary.identity;
writeFileSync(
  resolve(root, 'bench/photos.md'),
  [
    `# Photos: ${rows.length} CelebA "in the wild" photos, WASM backend`,
    '',
    'Written by `npm run bench:photos`. Photos go through the app\'s engine worker as a dropped file does. Time runs',
    'from the file reaching the page (before decoding) to the face found, to the encoder\'s result rendered, and to the',
    `end of refinement (early stop or 200 steps). Refinement ran on ${refined.length} photos spread evenly over the`,
    `set (\`--refine\`, default 50: 20-40 s each on this 2-core machine); every photo got detection and the encoder.`,
    'PSNR is against the aligned 64x64 crop.',
    '',
    '## Detection',
    '',
    '| detector | faces found | time (page main thread) |',
    '|---|---|---|',
    ...strategies.map((s) => `| ${STRATEGY_NAMES[s] ?? s} | ${frac(det[s].found, rows.length)} | ${ms(det[s].ms)} |`),
    `| the app's worker (now) | ${frac(ok.length, rows.length)} | drop to face found ${ms(summary.foundMs)} |`,
    '',
    `Missed by the app: ${summary.missedByApp.join(', ') || 'none'}.`,
    '',
    '## Reconstruction and speed',
    '',
    '| figure | value |',
    '|---|---|',
    `| PSNR, encoder only (all detected) | ${summary.psnrEncoder.toFixed(2)} dB |`,
    `| PSNR, encoder only (refined set) | ${summary.psnrEncoderRefinedSet.toFixed(2)} dB |`,
    `| PSNR, after refinement | ${summary.psnrRefined.toFixed(2)} dB (mean ${summary.meanSteps.toFixed(0)} steps) |`,
    `| landmark residual after alignment | ${summary.meanAlignErrorPx.toFixed(2)} px at 64 px |`,
    `| drop to first result on screen | ${ms(summary.firstResultMs)} |`,
    `| face found to first result | ${ms(summary.foundToFirstMs)} |`,
    `| drop to refined result | ${ms(summary.refinedMs)} |`,
    `| load average, start / end | ${summary.loadavg.start.map((x) => x.toFixed(2)).join(', ')} / ${summary.loadavg.end.map((x) => x.toFixed(2)).join(', ')} |`,
    '',
    '## Identity (same person as the aligned photo)',
    '',
    `face-api's recognition network; same person when the descriptor distance is below ${threshold.toFixed(3)}, the`,
    `equal-error threshold calibrated on CelebA person ids (bench/identity.md: ${(100 * calibration.equalError.accuracy).toFixed(1)}% balanced accuracy).`,
    'The aligned photo is the 256 px crop the worker draws from the photo.',
    '',
    '| compared with the aligned photo | same person |',
    '|---|---|',
    `| aligned photo downscaled to 64 px (ceiling) | ${id(id15.downscaled64)} |`,
    `| reconstruction, encoder (all detected) | ${id(id15.encoder)} |`,
    `| reconstruction, encoder (refined set) | ${id(id15.encoderRefinedSet)} |`,
    `| reconstruction, refined | ${id(id15.refined)} |`,
    '| edited full-resolution photo, per attribute and end | not measured yet: `editedPhotoDistance` in bench/photoPage.ts is the hook |',
    '',
  ].join('\n'),
);
console.log(JSON.stringify(summary, null, 1));
