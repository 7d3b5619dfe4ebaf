// The edit sheet (issue 29): --photos wild CelebA photos (default 12, spread evenly over the 300; a photo without a
// face gives way to the next one) x every edit, through the app's real photo pipeline in Debian's Chromium, WASM
// (bench/pages/photos.html: detection, alignment, encoder, refinement, then each edit at full resolution as the app's
// full-size download makes it). A row per photo: the face's square (1.4 times the aligned crop's side, so the whole
// edit layer shows) of the photo, then of the photo edited by Blonde, Bangs, Smile and Male at -2, -1, +1 and +2
// (the rest as inverted), --side px per cell. CelebA may not be republished: the sheet goes to /tmp, never into git.
// Usage: npm run bench:edit-sheet -- [--photos 12] [--side 128] [--out /tmp/latentlab-edit-sheet.png] [--no-build]
//        [--port 4181] [--out-dir /tmp/latentlab-edit-sheet-dist]
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, celeba, log, openPhotoPage, root } from '../lib/photoBrowser.mjs';

const count = Number(arg('photos', 12));
const side = Number(arg('side', 128));
const out = resolve(arg('out', '/tmp/latentlab-edit-sheet.png'));
if (out.startsWith(`${root}/`)) throw new Error('--out must be outside the repository (CelebA photos)');

const all = readdirSync(resolve(celeba, 'wild'))
  .filter((f) => f.endsWith('.jpg'))
  .sort();
const t0 = Date.now();
const { page, close } = await openPhotoPage(celeba, { port: 4181, outDir: '/tmp/latentlab-edit-sheet-dist' });
let columns = [];
let rows = 0;
// Photo i starts at the i-th of `count` even steps over the set; one without a face hands its row to the next.
for (let i = 0, k = 0; rows < count && k < all.length; i++) {
  k = Math.max(k, Math.floor((i * all.length) / count));
  for (; k < all.length; k++) {
    const photo = all[k];
    const label = photo.replace(/\.jpg$/, '');
    const url = `/__data/wild/${photo}`;
    const r = await page.evaluate(([u, l, s]) => window.__photos.editSheetRow(u, l, s), [url, label, side]);
    if (r.error) {
      log(`${photo}: ${r.error}; trying the next photo`);
      continue;
    }
    columns = r.columns;
    rows++;
    log(`row ${rows}/${count} ${photo} (PSNR ${r.row.psnr?.toFixed(1)} dB after ${r.row.steps} steps)`);
    k++;
    break;
  }
}
const png = await page.evaluate(([c, s]) => window.__photos.editSheet(c, s), [columns, side]);
await close();
writeFileSync(out, Buffer.from(png, 'base64'));
const seconds = ((Date.now() - t0) / 1000).toFixed(0);
log(`wrote ${out}: ${rows} photos x ${columns.length} pictures, ${side} px each (${seconds} s)`);
