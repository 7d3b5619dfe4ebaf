// Photo figures (issue 15, items 3 and 5) over the shared CelebA "in the wild" photos, in Debian's Chromium, WASM:
// - detection rate of the app's detector (several tiny-detector sizes, SSD MobileNet v1 when they find nothing)
//   against the single-size detector it replaced and SSD alone (bench/pages/photos.html's main thread);
// - through the app's engine worker, as a dropped file goes: drop -> face found -> first (encoder) result on screen ->
//   refined result; PSNR against the aligned 64 px crop; identity distance (face-api's recognition network) between
//   the aligned photo and the reconstructions, and the aligned photo downscaled to 64 px (the ceiling), judged with
//   the threshold bench/drivers/identity.mjs calibrated on CelebA person ids (bench/results/identity.json).
// Refinement (a few seconds a photo since the per-layer fit; 20-50 s before) runs on --refine photos spread evenly over the set; every
// photo gets detection and the encoder. Each refined photo is then edited at both slider ends of Blonde, Bangs, Smile
// and Male at its full resolution, as the app's full-size download makes it: identity of the re-aligned edited photo,
// pixels changed beyond the paste-back mask, and (training/latentlab/studies/photo_flips.py, the independent evaluator) the
// attribute flips of the re-aligned crops, which are saved in --flips-dir outside git (per-image CelebA derivatives:
// never commit them; only aggregates reach photos.md/.json). Rows are appended to files outside git as they finish,
// so a stopped run resumes; --report-only writes the figures from the rows so far.
// Usage: npm run bench:photos -- [--n 300] [--refine 50] [--no-build] [--fresh] [--report-only] [--port 4179]
//        [--flips-dir /tmp/photo-flips] [--note TEXT] (a line added to photos.md, e.g. what changed since the rows were measured)
//        [--before FILE --before-label TEXT] (an earlier run's photos.json: its edited-photo figures shown beside these)
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { arg, celeba, flag, log, mean, openPhotoPage, pct, root } from '../lib/photoBrowser.mjs';

const all = readdirSync(resolve(celeba, 'wild'))
  .filter((f) => f.endsWith('.jpg'))
  .sort();
const photos = all.slice(0, Number(arg('n', all.length)));
const refineCount = Math.min(photos.length, Number(arg('refine', 50)));
const every = photos.length / Math.max(1, refineCount);
const refineSet = new Set(Array.from({ length: refineCount }, (_, i) => photos[Math.floor(i * every)]));
// Pass 1 (every photo: detection, encoder) and pass 2 (the refinement set) append to their own files outside git.
const rowsFile = arg('rows', resolve(os.tmpdir(), 'latentlab-bench-photos', 'rows.jsonl'));
const refinedFile = rowsFile.replace(/\.jsonl$/, '') + '-refined.jsonl';
const flipsDir = resolve(arg('flips-dir', '/tmp/photo-flips'));
if (flipsDir.startsWith(`${root}/`)) throw new Error('--flips-dir must be outside the repository (CelebA derivatives)');
mkdirSync(dirname(rowsFile), { recursive: true });
mkdirSync(flipsDir, { recursive: true });
if (flag('fresh')) {
  for (const f of [rowsFile, refinedFile]) rmSync(f, { force: true });
  for (const f of readdirSync(flipsDir).filter((f) => f.endsWith('.rgb'))) rmSync(resolve(flipsDir, f));
}
const identityFile = resolve(root, 'bench/results/identity.json');
if (!existsSync(identityFile)) throw new Error('bench/results/identity.json is missing: run `npm run bench:identity` first');
const calibration = JSON.parse(readFileSync(identityFile, 'utf8'));
const threshold = calibration.threshold;

const readRows = (file) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const missing = (file, list, needsEdits) => {
  const done = new Set(
    readRows(file)
      .filter((r) => !needsEdits || r.phase !== 'done' || r.edited)
      .map((r) => r.photo),
  );
  return list.filter((p) => !done.has(p));
};
/** Writes the re-aligned crops of a row's edits to flipsDir and drops them from the row (they are images). */
const END_NAMES = { '-': 'minus', '+': 'plus' };
function keepCrops(row) {
  const stem = row.photo.replace(/\.[^.]*$/, '');
  const save = (name, rgb) => rgb && writeFileSync(resolve(flipsDir, `${stem}.${name}.rgb`), Buffer.from(rgb, 'base64'));
  if (!row.edited?.edits) return row;
  save('unedited', row.edited.unedited.rgb);
  save('generated.unedited', row.edited.unedited.generated);
  delete row.edited.unedited.rgb;
  delete row.edited.unedited.generated;
  for (const e of row.edited.edits) {
    save(`${e.attribute}.${END_NAMES[e.end]}`, e.rgb);
    save(`generated.${e.attribute}.${END_NAMES[e.end]}`, e.generated);
    e.found = e.rgb !== undefined;
    delete e.rgb;
    delete e.generated;
  }
  return row;
}
const loadStart = os.loadavg();
const passes = [
  { file: rowsFile, todo: missing(rowsFile, photos), refine: false },
  { file: refinedFile, todo: missing(refinedFile, [...refineSet], true), refine: true },
];
log(`${photos.length} photos, refining ${refineCount}; to run: ${passes.map((x) => x.todo.length).join(' + ')}`);
if (!flag('report-only') && passes.some((x) => x.todo.length > 0)) {
  const { page, close } = await openPhotoPage();
  for (const { file, todo, refine } of passes) {
    for (const [i, photo] of todo.entries()) {
      const url = `/__data/wild/${photo}`;
      const detect = refine ? undefined : await page.evaluate((u) => window.__photos.detect(u), url);
      const result = await page.evaluate(([u, r]) => window.__photos.invert(u, r), [url, refine]);
      const row = keepCrops({ photo, detect, ...result, load1: os.loadavg()[0] });
      appendFileSync(file, `${JSON.stringify(row)}\n`);
      log(`${refine ? 'refine' : 'detect'} ${i + 1}/${todo.length} ${photo}`, JSON.stringify(row));
    }
  }
  await close();
}

const rows = readRows(rowsFile).filter((r) => photos.includes(r.photo));
const ok = rows.filter((r) => r.phase === 'done');
// The latest row of each refined photo (a row from before the edits were measured is replaced by a later one).
const refined = [
  ...new Map(
    readRows(refinedFile)
      .filter((r) => refineSet.has(r.photo) && r.phase === 'done')
      .map((r) => [r.photo, r]),
  ).values(),
];
const editedRows = refined.filter((r) => r.edited?.edits);
const p = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), n: xs.length });
const share = (xs) => ({ same: xs.filter((d) => d < threshold).length, of: xs.length, meanDistance: mean(xs) });
const strategies = Object.keys(rows[0]?.detect ?? {});

/** Identity per attribute and end, and pixels changed beyond the mask, over the edited full-resolution photos. */
function editedSummary() {
  const edits = editedRows.flatMap((r) => r.edited.edits);
  const keys = [...new Set(edits.map((e) => `${e.attribute} ${e.end}`))];
  const identity = Object.fromEntries(
    keys.map((k) => {
      const list = edits.filter((e) => `${e.attribute} ${e.end}` === k);
      const found = list.filter((e) => e.distance !== null).map((e) => e.distance);
      // A photo whose edited face is not found again counts as not the same person.
      return [k, { same: found.filter((d) => d < threshold).length, of: list.length, notFound: list.length - found.length, meanDistance: mean(found) }];
    }),
  );
  return {
    photos: editedRows.length,
    failed: refined.filter((r) => r.edited && !r.edited.edits).map((r) => r.photo),
    identity,
    unedited: share(editedRows.map((r) => r.edited.unedited.distance)),
    cropDiff: p(editedRows.map((r) => r.edited.cropDiff)),
    exportMs: p(edits.map((e) => e.exportMs)),
    mask: {
      marginPx: editedRows[0]?.edited.margin,
      edits: edits.length,
      pixels: edits.reduce((s, e) => s + e.pixels, 0),
      changed: edits.reduce((s, e) => s + e.changed, 0),
      changedOutside: edits.reduce((s, e) => s + e.changedOutside, 0),
      editsWithChangeOutside: edits.filter((e) => e.changedOutside > 0).length,
      maxOutside: Math.max(0, ...edits.map((e) => e.maxOutside)),
    },
  };
}

/** The evaluator's reading of the re-aligned crops in flipsDir (training/latentlab/studies/photo_flips.py); null if none. */
function flipSummary() {
  if (!readdirSync(flipsDir).some((f) => f.endsWith('.unedited.rgb'))) return null;
  const out = resolve(flipsDir, 'flips.json');
  execFileSync('/usr/bin/python3', ['-m', 'latentlab.studies.photo_flips', flipsDir, '--out', out], {
    cwd: resolve(root, 'training'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}
const summary = {
  photos: rows.length,
  refinedPhotos: refined.length,
  detection: Object.fromEntries(
    strategies.map((s) => [
      s,
      {
        found: rows.filter((r) => r.detect[s].faces > 0).length,
        severalFaces: rows.filter((r) => r.detect[s].faces > 1).length,
        ms: p(rows.map((r) => r.detect[s].ms)),
      },
    ]),
  ),
  detectedByApp: ok.length,
  severalFacesByApp: ok.filter((r) => r.faces > 1).length,
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
  edited: editedSummary(),
  flips: flipSummary(),
  before: arg('before')
    ? (({ summary: b }) => ({ label: arg('before-label', 'before'), edited: b.edited, flips: b.flips }))(
        JSON.parse(readFileSync(arg('before'), 'utf8')),
      )
    : null,
  loadavg: { start: loadStart, end: os.loadavg() },
  // 1-minute load average as each row finished (rows measured before it was recorded have none).
  rowLoad: p([...rows, ...refined].map((r) => r.load1).filter((x) => x !== undefined)),
};
writeFileSync(resolve(root, 'bench/results/photos.json'), `${JSON.stringify({ summary, rows, refined }, null, 1)}\n`);

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
const LABELS = { Blond_Hair: 'Blonde', Bangs: 'Bangs', Smiling: 'Smile', Male: 'Male' };
const ed = summary.edited;
const before = summary.before;

function editedIdentityRows() {
  if (!ed.photos) return ['| edited full-resolution photo, per attribute and end | not measured in this run |'];
  return [
    `| the unedited photo, found and aligned again (the edited photos' check) | ${id(ed.unedited)} |`,
    ...Object.entries(ed.identity).map(([k, s]) => {
      const [a, end] = k.split(' ');
      const lost = s.notFound ? `; face not found again in ${s.notFound}, counted as not the same` : '';
      const b = before?.edited.identity[k];
      const then = b ? ` (${before.label}: ${frac(b.same, b.of)})` : '';
      return `| edited full-resolution photo, ${LABELS[a] ?? a} at the ${end} end | ${id(s)}${lost}${then} |`;
    }),
  ];
}

function editedSection() {
  if (!ed.photos) return [];
  const m = ed.mask;
  const f = summary.flips;
  const flipRows = f
    ? Object.entries(f.attributes).map(
        ([a, r]) =>
          `| ${LABELS[a] ?? a} | ${r.photos ? `${r.flip.toFixed(3)} ${r.flip >= 0.8 ? '✔' : '✘'}` : '-'} | ${r.on_at_plus?.toFixed(3) ?? '-'} | ${r.off_at_minus?.toFixed(3) ?? '-'} | ${r.moves?.toFixed(3) ?? '-'} | ${r.unedited_on?.toFixed(3) ?? '-'} | ${r.photos}${r.missing ? ` (${r.missing} lost)` : ''} | ${r.generator?.photos ? r.generator.flip.toFixed(3) : '-'} |${before ? ` ${before.flips?.attributes[a]?.flip?.toFixed(3) ?? '-'} |` : ''}`,
      )
    : [];
  return [
    '## Edited full-resolution photos',
    '',
    `Each of the ${ed.photos} refined photos, edited with one attribute at a slider end (the rest as inverted) at its`,
    'full resolution exactly as the app\'s full-size download makes it: the engine\'s `photo-export` face region (the',
    'edit layer of src/photo/editLayer.ts: G_fit(y) - G_fit(y0), and where that is large a fade of the photo\'s low',
    'frequencies toward the edited generation, pasted back through the mask of src/photo/pasteBack.ts, which reaches',
    'past the crop\'s border) drawn over the photo. Each edited',
    'photo is then found again by the app\'s detector and aligned to the model\'s framing as a dropped photo is',
    `(identity above; worker's crop vs this re-alignment of the unedited photo: largest byte difference p50 ${ed.cropDiff.p50}, p95 ${ed.cropDiff.p95}).`,
    `Export of one edited photo (engine, then drawn over the photo): ${ms(ed.exportMs)}.`,
    ...(ed.failed.length ? ['', `Not measured (face not found again in the unedited photo): ${ed.failed.join(', ')}.`] : []),
    '',
    '### Attribute flips, read by the independent evaluator',
    '',
    ...(f
      ? [
          'training/latentlab/studies/photo_flips.py reads the re-aligned crops at 64 px with the evaluator (never a training loss)',
          'and its per-attribute thresholds from metrics.py (best balanced accuracy on real validation faces). **flip**:',
          'the share of photos read "on" at the + end and "off" at the − end (both). **moves**: the share whose',
          'logit rises from the unedited photo at the + end and falls at the − end. Crops stay outside git.',
          "\"G_fit's own face\": the same flip read from the generator's edited face at 64 px, before paste-back.",
          '',
          `| attribute | flip (target ≥ 0.80) | on at + | off at − | moves | unedited read on | photos | flip of G_fit's own face |${before ? ` flip, ${before.label} |` : ''}`,
          `|---|---|---|---|---|---|---|---|${before ? '---|' : ''}`,
          ...flipRows,
        ]
      : ['Not read in this run (no crops in the flips folder).']),
    '',
    '### Pixels outside the mask',
    '',
    `The mask's support in photo pixels: where the paste-back's bilinear read of the mask (on the edit layer's canvas, the crop and its margins) is non-zero,`,
    `dilated by ${m.marginPx} px. Over ${m.edits} edited photos (${(m.pixels / 1e6).toFixed(1)} Mpx in all), ${m.changed} pixels changed;`,
    `beyond the dilated support ${m.changedOutside} changed (in ${m.editsWithChangeOutside} edits), largest change there ${m.maxOutside} (of 255).`,
    ...(before
      ? [
          `${before.label}: ${before.edited.mask.changed} changed, ${before.edited.mask.changedOutside} beyond the support, largest there ${before.edited.mask.maxOutside}.`,
        ]
      : []),
    '',
  ];
}
writeFileSync(
  resolve(root, 'bench/results/photos.md'),
  [
    `# Photos: ${rows.length} CelebA "in the wild" photos, WASM backend`,
    '',
    'Written by `npm run bench:photos`. Photos go through the app\'s engine worker as a dropped file does. Time runs',
    'from the file reaching the page (before decoding) to the face found, to the encoder\'s result rendered, and to the',
    `end of refinement (early stop or the step limit). Every photo got detection and the encoder (pass 1); refinement`,
    `ran on the ${refined.length} photos with a face among ${refineCount} spread evenly over the set (pass 2, \`--refine\`,`,
    'default 50).',
    'PSNR is against the aligned 64x64 crop.',
    '',
    '## Detection',
    '',
    '| detector | photos with a face found | photos with several | time (page main thread) |',
    '|---|---|---|---|',
    ...strategies.map(
      (s) => `| ${STRATEGY_NAMES[s] ?? s} | ${frac(det[s].found, rows.length)} | ${det[s].severalFaces} | ${ms(det[s].ms)} |`,
    ),
    `| the app's worker (now) | ${frac(ok.length, rows.length)} | ${summary.severalFacesByApp} | drop to face found ${ms(summary.foundMs)} |`,
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
    `| load average when this report was written, start / end | ${summary.loadavg.start.map((x) => x.toFixed(2)).join(', ')} / ${summary.loadavg.end.map((x) => x.toFixed(2)).join(', ')} |`,
    `| 1-minute load as rows finished | ${summary.rowLoad.n ? `p50 ${summary.rowLoad.p50.toFixed(2)}, p95 ${summary.rowLoad.p95.toFixed(2)} (n ${summary.rowLoad.n})` : 'not recorded for these rows'} |`,
    '',
    '## Identity (same person as the aligned photo)',
    '',
    `face-api's recognition network; same person when the descriptor distance is below ${threshold.toFixed(3)}, the`,
    `equal-error threshold calibrated on CelebA person ids (bench/results/identity.md: ${(100 * calibration.equalError.accuracy).toFixed(1)}% balanced accuracy).`,
    'The aligned photo is the 256 px crop the worker draws from the photo.',
    '',
    '| compared with the aligned photo | same person |',
    '|---|---|',
    `| aligned photo downscaled to 64 px (ceiling) | ${id(id15.downscaled64)} |`,
    `| reconstruction, encoder (all detected) | ${id(id15.encoder)} |`,
    `| reconstruction, encoder (refined set) | ${id(id15.encoderRefinedSet)} |`,
    `| reconstruction, refined | ${id(id15.refined)} |`,
    ...editedIdentityRows(),
    '',
    ...editedSection(),
    ...(arg('note') ? [`Note: ${arg('note')}`, ''] : []),
  ].join('\n'),
);
console.log(JSON.stringify(summary, null, 1));
