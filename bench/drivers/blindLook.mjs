// The blind look (issue 29): can someone who does not know which is which pick the edited faces? 40 face regions
// from 40 distinct wild CelebA photos (a seeded shuffle of the 300; a photo without a face gives way to the next),
// half edited and half not, through the app's real photo pipeline in Debian's Chromium, WASM (bench/pages/photos.html):
// an edited one is refined as a dropped photo is and edited by one random slider (Blonde, Bangs, Smile or Male) at a
// random end of its on/off range (-1 or +1; the rest as inverted) at full resolution as the app's full-size download
// makes it. Every picture is the same square of its photo (1.4 times the aligned crop's side, found in the unedited
// photo), drawn at --side px, so the framing tells nothing. The pictures are numbered in a shuffled order in --out;
// the answer key goes to --key, in another folder, so the pictures can be handed over alone. Both stay in /tmp
// (CelebA may not be republished). --score reads the picks (the numbers judged edited) against the key.
// Usage: npm run bench:blind-look -- [--seed 29] [--count 40] [--side 256] [--out /tmp/latentlab-blind-look]
//        [--key /tmp/latentlab-blind-look-key/key.json] [--no-build] [--port 4182] [--out-dir DIR]
//        npm run bench:blind-look -- --score PICKS [--key FILE]
//   PICKS: the picked numbers, separated by commas or spaces ("3,7,12"), or a file holding them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { arg, celeba, log, openPhotoPage, root } from '../lib/photoBrowser.mjs';
import { mulberry32 } from '../lib/mulberry32.mjs';

const SLIDERS = { Blond_Hair: 'Blonde', Bangs: 'Bangs', Smiling: 'Smile', Male: 'Male' };
const ENDS = [-1, 1];

const keyFile = resolve(arg('key', '/tmp/latentlab-blind-look-key/key.json'));
const outDir = resolve(arg('out', '/tmp/latentlab-blind-look'));
for (const p of [keyFile, outDir]) {
  if (p.startsWith(`${root}/`)) throw new Error(`${p}: the blind look stays outside the repository (CelebA photos)`);
}
if (dirname(keyFile) === outDir) throw new Error('--key must not be in the pictures folder (--out)');

/** Uniform in [0, 1) from a seed (mulberry32), so one seed gives the same photos, edits and order. */
function random(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
const shuffle = (xs, rnd) => {
  const s = [...xs];
  for (let i = s.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [s[i], s[j]] = [s[j], s[i]];
  }
  return s;
};

/** P(at least `k` right of `n`) when guessing (each right with probability 1/2). */
function chance(k, n) {
  let p = 0;
  let c = 1; // C(n, i), built up as i grows
  for (let i = 0; i <= n; i++) {
    if (i >= k) p += c;
    c = (c * (n - i)) / (i + 1);
  }
  return p / 2 ** n;
}

function score(picksArg) {
  const key = JSON.parse(readFileSync(keyFile, 'utf8'));
  const text = existsSync(picksArg) ? readFileSync(picksArg, 'utf8') : picksArg;
  const picks = new Set(
    text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
  );
  const unknown = [...picks].filter((n) => !key.pictures.some((p) => p.number === n));
  if (unknown.length) throw new Error(`not picture numbers: ${unknown.join(', ')}`);
  const edited = key.pictures.filter((p) => p.edited);
  const unedited = key.pictures.filter((p) => !p.edited);
  const found = edited.filter((p) => picks.has(p.number));
  const left = unedited.filter((p) => !picks.has(p.number));
  const right = found.length + left.length;
  const n = key.pictures.length;
  console.log(`correct ${right}/${n} (guessing gets ${right} or more with probability ${chance(right, n).toFixed(3)})`);
  console.log(`edited, picked: ${found.length}/${edited.length}`);
  console.log(`unedited, not picked: ${left.length}/${unedited.length}`);
  for (const [name, label] of Object.entries(SLIDERS)) {
    for (const value of ENDS) {
      const these = edited.filter((p) => p.attribute === name && p.value === value);
      if (these.length) {
        const caught = these.filter((p) => picks.has(p.number)).length;
        console.log(`  ${label} ${value > 0 ? '+' : ''}${value}: picked ${caught}/${these.length}`);
      }
    }
  }
}

async function make() {
  const count = Number(arg('count', 40));
  const side = Number(arg('side', 256));
  const seed = Number(arg('seed', 29));
  const rnd = random(seed);
  const photos = shuffle(
    readdirSync(resolve(celeba, 'wild'))
      .filter((f) => f.endsWith('.jpg'))
      .sort(),
    rnd,
  );
  // Which of the 40 places are edited, and each edit, are drawn before any photo is looked at.
  const plan = shuffle(
    Array.from({ length: count }, (_, i) => i < count / 2),
    rnd,
  ).map((edited) => {
    if (!edited) return null;
    const names = Object.keys(SLIDERS);
    return { name: names[Math.floor(rnd() * names.length)], value: ENDS[Math.floor(rnd() * ENDS.length)] };
  });
  const t0 = Date.now();
  const { page, close } = await openPhotoPage(celeba, { port: 4182, outDir: '/tmp/latentlab-blind-look-dist' });
  const made = [];
  let next = 0;
  for (const edit of plan) {
    for (;;) {
      const photo = photos[next++];
      if (!photo) throw new Error('ran out of photos with a face');
      const url = `/__data/wild/${photo}`;
      const r = await page.evaluate(([u, e, s]) => window.__photos.blindCrop(u, e, s), [url, edit, side]);
      if (r.error) {
        log(`${photo}: ${r.error}; trying the next photo`);
        continue;
      }
      made.push({ photo, edit, png: r.png, square: r.square });
      log(`${made.length}/${count} ${photo} ${edit ? `${edit.name} ${edit.value}` : 'unedited'}`);
      break;
    }
  }
  await close();
  // Numbered in an order of their own, so neither the plan nor the photo names show through.
  const order = shuffle(made, rnd);
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir).filter((f) => f.endsWith('.png'))) rmSync(resolve(outDir, f));
  const width = String(order.length).length;
  const pictures = order.map((m, i) => {
    const number = i + 1;
    writeFileSync(resolve(outDir, `${String(number).padStart(width, '0')}.png`), Buffer.from(m.png, 'base64'));
    return {
      number,
      photo: m.photo,
      edited: m.edit !== null,
      attribute: m.edit?.name ?? null,
      value: m.edit?.value ?? null,
      square: m.square,
    };
  });
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${JSON.stringify({ seed, side, pictures }, null, 1)}\n`);
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  log(`wrote ${order.length} pictures to ${outDir} and the key to ${keyFile} (${seconds} s)`);
}

if (arg('score')) score(arg('score'));
else await make();
