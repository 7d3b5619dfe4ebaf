// Same-person threshold for face-api's recognition descriptors (issue 15, item 5), calibrated on CelebA person ids:
// distances between different photos of one person against distances between photos of different people, on the
// aligned CelebA images cropped to the model's framing, in the browser (bench/pages/photos.html). Writes only the threshold
// and the two distributions' statistics to bench/results/identity.json and .md; the descriptors stay in a cache outside git.
// Usage: npm run bench:identity -- [--people 100] [--per-person 6] [--pairs 1000] [--no-build] [--port 4179]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { arg, celeba, log, mean, openPhotoPage, pct, root } from '../lib/photoBrowser.mjs';

const people = Number(arg('people', 100));
const perPerson = Number(arg('per-person', 6));
const pairs = Number(arg('pairs', 1000));
const cacheDir = arg('cache', resolve(os.tmpdir(), 'latentlab-bench-identity'));
mkdirSync(cacheDir, { recursive: true });

// Deterministic draws (mulberry32), so a rerun measures the same pairs.
let seed = 15;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shuffle = (xs) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};

// Full-size aligned images only (IDs above 010000: 178x218), grouped by person.
const present = new Set(readdirSync(resolve(celeba, 'aligned')).filter((f) => Number(f.slice(0, 6)) > 10000));
const byPerson = new Map();
for (const line of readFileSync(resolve(celeba, 'identity_CelebA.txt'), 'utf8').split('\n')) {
  const [file, person] = line.trim().split(/\s+/);
  if (!present.has(file)) continue;
  if (!byPerson.has(person)) byPerson.set(person, []);
  byPerson.get(person).push(file);
}
const chosen = shuffle([...byPerson.keys()].filter((p) => byPerson.get(p).length >= perPerson).sort()).slice(0, people);
const images = new Map(chosen.map((p) => [p, shuffle([...byPerson.get(p)].sort()).slice(0, perPerson)]));
const sameAll = [];
for (const files of images.values())
  for (let i = 0; i < files.length; i++) for (let j = i + 1; j < files.length; j++) sameAll.push([files[i], files[j]]);
const same = shuffle(sameAll).slice(0, pairs);
const different = [];
while (different.length < pairs) {
  const [p, q] = [chosen[Math.floor(rand() * chosen.length)], chosen[Math.floor(rand() * chosen.length)]];
  if (p === q) continue;
  const a = images.get(p)[Math.floor(rand() * perPerson)];
  const b = images.get(q)[Math.floor(rand() * perPerson)];
  different.push([a, b]);
}

// Descriptors, cached per image (resumable: a rerun computes only what is missing).
const cacheFile = resolve(cacheDir, 'descriptors.json');
const cache = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
const needed = [...new Set([...same, ...different].flat())].filter((f) => !cache[f]);
log(`${chosen.length} people, ${[...images.values()].flat().length} images, ${needed.length} to describe`);
if (needed.length > 0) {
  const { page, close } = await openPhotoPage();
  for (let i = 0; i < needed.length; i += 25) {
    const chunk = needed.slice(i, i + 25);
    const out = await page.evaluate((urls) => window.__photos.describeAligned(urls), chunk.map((f) => `/__data/aligned/${f}`));
    chunk.forEach((f, k) => (cache[f] = out[k]));
    writeFileSync(cacheFile, JSON.stringify(cache));
    log(`described ${Math.min(i + 25, needed.length)} / ${needed.length}`);
  }
  await close();
}

const dist = ([a, b]) => Math.sqrt(cache[a].reduce((s, x, k) => s + (x - cache[b][k]) ** 2, 0));
const d = { same: same.map(dist), different: different.map(dist) };
const describe = (xs) => {
  const m = mean(xs);
  return {
    n: xs.length,
    mean: m,
    sd: Math.sqrt(mean(xs.map((x) => (x - m) ** 2))),
    p5: pct(xs, 5),
    p50: pct(xs, 50),
    p95: pct(xs, 95),
  };
};
// At threshold t: same person when distance < t. FRR: same pairs rejected; FAR: different pairs accepted.
const rates = (t) => {
  const frr = d.same.filter((x) => x >= t).length / d.same.length;
  const far = d.different.filter((x) => x < t).length / d.different.length;
  return { threshold: t, frr, far, accuracy: 1 - (frr + far) / 2 };
};
const candidates = [...d.same, ...d.different].sort((a, b) => a - b);
const sweep = candidates.map((t, i) => rates(i + 1 < candidates.length ? (t + candidates[i + 1]) / 2 : t + 1e-6));
const eer = sweep.reduce((b, r) => (Math.abs(r.frr - r.far) < Math.abs(b.frr - b.far) ? r : b));
const best = sweep.reduce((b, r) => (r.accuracy > b.accuracy ? r : b));
const result = {
  network: "face-api face_recognition_model (128-d, Euclidean distance), on crops in the model's framing",
  data: `CelebA aligned 178x218, ${chosen.length} people x ${perPerson} photos (IDs above 010000)`,
  pairs: { same: d.same.length, different: d.different.length },
  same: describe(d.same),
  different: describe(d.different),
  equalError: eer,
  bestAccuracy: best,
  faceApiDefault: rates(0.6),
  threshold: eer.threshold,
  loadavg: os.loadavg(),
};
writeFileSync(resolve(root, 'bench/results/identity.json'), `${JSON.stringify(result, null, 1)}\n`);
const f = (x) => x.toFixed(3);
const pc = (x) => `${(100 * x).toFixed(1)}%`;
const row = (name, s) => `| ${name} | ${s.n} | ${f(s.mean)} | ${f(s.sd)} | ${f(s.p5)} | ${f(s.p50)} | ${f(s.p95)} |`;
const rule = (name, r) => `| ${name} | ${f(r.threshold)} | ${pc(r.accuracy)} | ${pc(r.frr)} | ${pc(r.far)} |`;
writeFileSync(
  resolve(root, 'bench/results/identity.md'),
  [
    '# Same-person threshold for face-api descriptors, calibrated on CelebA person ids',
    '',
    'Written by `npm run bench:identity`. ' + result.network + '; ' + result.data + '.',
    'Pairs: different photos of one person against photos of two different people. Distance below the threshold = same person.',
    "The network sees the face part of the crop (IDENTITY_BOX in bench/pages/photoPage.ts: 0.7 of the side, centred at (0.5, 0.58)),",
    'chosen on these pairs among five boxes (equal-error accuracy: whole crop 75.1%, 0.8: 89.8%, 0.7: 95.7%, 0.6: 95.2%, 0.55: 93.9%).',
    '',
    '| pairs | n | mean | sd | p5 | p50 | p95 |',
    '|---|---|---|---|---|---|---|',
    row('same person', result.same),
    row('different people', result.different),
    '',
    '| rule | threshold | accuracy (balanced) | same pairs rejected | different pairs accepted |',
    '|---|---|---|---|---|',
    rule('equal error (used by bench:photos)', eer),
    rule('best accuracy', best),
    rule("face-api's usual 0.6", result.faceApiDefault),
    '',
    `Load average during the run: ${result.loadavg.map((x) => x.toFixed(2)).join(', ')}.`,
    '',
  ].join('\n'),
);
log(JSON.stringify({ threshold: result.threshold, eer, best }, null, 1));
