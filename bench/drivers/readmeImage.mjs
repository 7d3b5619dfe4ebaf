// The README's edited photo (docs/edited-photo.png): a real photo that is free to publish, scikit-image's sample
// `astronaut.png` (Eileen Collins, NASA; "No known copyright restrictions, released into the public domain", says
// skimage.data.astronaut), through the app's real photo pipeline in Debian's Chromium, WASM (bench/pages/photos.html:
// detection, alignment, encoder, refinement, then each edit pasted back at full resolution as the app's full-size
// download makes it). Writes a contact strip of the face region: the photo as it is, then the photo with each edit.
// Not a CelebA photo: CelebA's licence does not allow republishing its images, so none is ever committed.
// The photo is taken from Debian's python3-skimage package (`apt-get download`, unpacked, nothing installed) into
// ~/.cache/latent-lab/ once, and checked against scikit-image's own checksum.
// Usage: npm run bench:readme-image -- [--edits "Blond_Hair -,Blond_Hair +,..."] [--side 176]
//        [--out docs/edited-photo.png] [--full FILE] [--no-build] [--port 4179] [--out-dir DIR]
//   --edits: manifest attribute names and slider values ('-' its min, '+' its max, or a number; the other attributes
//   stay as the photo was inverted). --full: also the whole photo with the first edit, at its own size (512 px).
//   The defaults make the committed docs/edited-photo.png.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { arg, log, openPhotoPage, root } from '../lib/photoBrowser.mjs';

const PHOTO = 'astronaut.png';
// scikit-image's registry (skimage/data/_registry.py) for data/astronaut.png.
const SHA256 = '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5';
const IN_PACKAGE = 'usr/lib/python3/dist-packages/skimage/data/astronaut.png';
// The README's picture stays small: a warning above this.
const LIMIT_BYTES = 1024 * 1024;

const cache = resolve(os.homedir(), '.cache/latent-lab');
const photoFile = resolve(cache, PHOTO);

/** Copies astronaut.png into the cache: from an installed python3-skimage, or from its .deb unpacked in /tmp. */
function fetchPhoto() {
  mkdirSync(cache, { recursive: true });
  if (existsSync(`/${IN_PACKAGE}`)) return copyFileSync(`/${IN_PACKAGE}`, photoFile);
  const dir = mkdtempSync(resolve(os.tmpdir(), 'latentlab-skimage-'));
  try {
    log('downloading python3-skimage (apt-get download; nothing is installed)');
    execFileSync('apt-get', ['download', 'python3-skimage'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download python3-skimage gave no .deb (try `apt-get update` first)');
    execFileSync('dpkg', ['-x', deb, 'unpacked'], { cwd: dir });
    copyFileSync(resolve(dir, 'unpacked', IN_PACKAGE), photoFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(photoFile)) fetchPhoto();
const sha = createHash('sha256').update(readFileSync(photoFile)).digest('hex');
if (sha !== SHA256) throw new Error(`${photoFile} is not scikit-image's astronaut.png (sha256 ${sha}); delete it and rerun`);

const manifest = JSON.parse(readFileSync(resolve(root, 'public/models/celeba64/manifest.json'), 'utf8'));
// Every slider at both ends of its range (issue 29: before, then each slider at both ends).
const SLIDERS = ['Blond_Hair', 'Bangs', 'Smiling', 'Male', 'Eyeglasses', 'Young'];
const edits = arg('edits', SLIDERS.flatMap((name) => [`${name} -`, `${name} +`]).join(','))
  .split(',')
  .map((e) => {
    const [name, to] = e.trim().split(/\s+/);
    const attribute = manifest.attributes.find((a) => a.name === name);
    const value = { '-': attribute?.min, '+': attribute?.max }[to] ?? Number(to);
    if (!attribute || !Number.isFinite(value)) throw new Error(`--edits: "${e}" is not "<attribute name> -|+|value"`);
    const end = value === attribute.max ? ' +' : value === attribute.min ? ' −' : ` ${value > 0 ? '+' : '−'}${Math.abs(value)}`;
    return { name, value, label: `${attribute.label}${end}` };
  });
const side = Number(arg('side', 176));
const out = resolve(root, arg('out', 'docs/edited-photo.png'));
const full = arg('full') ? resolve(root, arg('full')) : null;

const { page, close } = await openPhotoPage(cache);
const result = await page.evaluate(([u, e, s]) => window.__photos.readmeImage(u, e, s), [`/__data/${PHOTO}`, edits, side]);
await close();
if (!result.strip) throw new Error(`the photo was not edited: ${JSON.stringify(result)}`);
const strip = Buffer.from(result.strip, 'base64');
writeFileSync(out, strip);
log(`${out}: ${strip.length} bytes, ${edits.length + 1} panels of ${side} px`);
if (strip.length > LIMIT_BYTES) log(`warning: ${out} is over 1 MB; try a smaller --side or fewer --edits`);
if (full) {
  const photo = Buffer.from(result.full, 'base64');
  writeFileSync(full, photo);
  log(`${full}: ${photo.length} bytes (${edits[0].label})`);
}
delete result.strip;
delete result.full;
console.log(JSON.stringify(result, null, 1));
