// Finds five landmarks in every face of ../shared/datasets/celeba/crops/ (unaligned 128 px head crops) with the app's
// own face detector, so that the training data stage can align them exactly as the app aligns a photo. Writes
// <cache>/crop-landmarks.json (derived per image from CelebA: stays in the cache, never in git). Resumes: faces already
// in the file are skipped. Run: npx vite-node scripts/align-crops.ts [--limit N]
import { existsSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { FaceDetector } from '../src/engine/photo/faceDetector';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { LANDMARK_KEYS } from '../src/photo/align';

const repoRoot = resolve(import.meta.dirname, '..');
const fileFetch: typeof fetch = async (input) => new Response(readFileSync(String(input)));
const shared = process.env.LATENT_LAB_SHARED ?? resolve(repoRoot, '../shared');
const cache = process.env.LATENT_LAB_CACHE ?? `${homedir()}/.cache/latent-lab`;
const folder = resolve(shared, 'datasets/celeba/crops');
const outPath = resolve(cache, 'crop-landmarks.json');
const limitAt = process.argv.indexOf('--limit');
const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : Infinity;

type Found = { landmarks: number[][]; score: number } | null;
const found: Record<string, Found> = existsSync(outPath) ? JSON.parse(readFileSync(outPath, 'utf8')) : {};
const save = () => {
  writeFileSync(`${outPath}.tmp`, JSON.stringify(found));
  renameSync(`${outPath}.tmp`, outPath);
};

const { jpegjs } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as {
  jpegjs: { decode(bytes: Buffer, o: { useTArray: true }): { width: number; height: number; data: Uint8Array } };
};
setWasmPaths(`${resolve(repoRoot, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
await tf.setBackend('wasm');
const detector = await FaceDetector.load(`${resolve(repoRoot, 'node_modules/@vladmandic/face-api/model')}/`, fileFetch);
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.jpg'))
  .sort()
  .filter((f) => !(f in found))
  .slice(0, limit);
const started = Date.now();
for (const [i, file] of files.entries()) {
  const { width, height, data } = jpegjs.decode(readFileSync(resolve(folder, file)), { useTArray: true });
  const faces = await detector.detect(data, width, height, 4);
  const f = faces[0];
  found[file] = f ? { landmarks: LANDMARK_KEYS.map((k) => f.landmarks[k].map((v) => Math.round(v * 100) / 100)), score: Math.round(f.score * 1000) / 1000 } : null;
  if ((i + 1) % 500 === 0) {
    save();
    console.log(`${i + 1}/${files.length} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}
save();
const all = Object.values(found);
console.log(`${all.filter(Boolean).length} of ${all.length} crops have a face; written to ${outPath}`);
