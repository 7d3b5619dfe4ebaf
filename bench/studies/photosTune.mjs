// Caches what a paste-back experiment needs of wild photos that bench:photos does not refine (photoPage.ts fitFaces:
// the photo's transform, its aligned crop, and G_fit at the model's size, unedited and at both ends of each edited
// attribute), for bench/studies/photosTune.py. Per-image CelebA derivatives: the folder must be outside the repository.
// Usage: node bench/studies/photosTune.mjs [--offset 2] [--count 60] [--cache /tmp/photos-tune] [--no-build] [--port 4179]
//   photos: every 5th of the sorted wild set from --offset (bench:photos refines offset 0: keep them apart).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, celeba, log, openPhotoPage, root } from '../lib/photoBrowser.mjs';

const cache = resolve(arg('cache', '/tmp/photos-tune'));
if (cache.startsWith(`${root}/`)) throw new Error('--cache must be outside the repository (CelebA derivatives)');
mkdirSync(cache, { recursive: true });
const all = readdirSync(resolve(celeba, 'wild'))
  .filter((f) => f.endsWith('.jpg'))
  .sort();
const offset = Number(arg('offset', 2));
const list = Array.from({ length: Number(arg('count', 60)) }, (_, i) => all[5 * i + offset]).filter(Boolean);
const todo = list.filter((p) => !existsSync(resolve(cache, `${p}.json`)));
log(`${todo.length} of ${list.length} photos to cache in ${cache}`);
if (todo.length > 0) {
  const { page, close } = await openPhotoPage();
  for (const [i, photo] of todo.entries()) {
    const row = await page.evaluate((u) => window.__photos.invert(u, true, true), `/__data/wild/${photo}`);
    writeFileSync(resolve(cache, `${photo}.json`), JSON.stringify(row));
    log(`${i + 1}/${todo.length} ${photo} ${row.phase} ${row.psnr?.toFixed(2)} dB`);
  }
  await close();
}
