// Measures the training framing: runs the app's face detector on a sample of training faces (dumped by
// `python3 -m latentlab.studies.landmarks_dump`) and averages where eyes, nose and mouth land in the model's square crop.
// Writes training/alignment.json, which the exporter copies into the manifest. Run: npx vite-node scripts/derive-alignment.ts
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { FaceDetector } from '../src/engine/photo/faceDetector';
import { fileFetch, repoRoot, useBackend } from '../src/engine/model/testing/loadModel';
import { LANDMARK_KEYS, type Landmarks } from '../src/photo/align';

const W = 178;
const H = 218;
// The crop the training data uses (training/latentlab/data.py): side 0.83 W, centred at (0.5 W, 0.53 H).
const SIDE = 0.83 * W;
const X0 = 0.5 * W - SIDE / 2;
const Y0 = 0.53 * H - SIDE / 2;

await useBackend('wasm');
const detector = await FaceDetector.load(`${resolve(repoRoot, 'node_modules/@vladmandic/face-api/model')}/`, fileFetch);
const raw = await readFile(resolve(process.env.LATENT_LAB_CACHE ?? `${homedir()}/.cache/latent-lab`, 'alignment-sample.rgb'));
const n = raw.length / (W * H * 3);
const sums = Object.fromEntries(LANDMARK_KEYS.map((k) => [k, [0, 0, 0, 0]])) as Record<keyof Landmarks, number[]>;
let found = 0;
for (let i = 0; i < n; i++) {
  const faces = await detector.detect(raw.subarray(i * W * H * 3, (i + 1) * W * H * 3), W, H, 3);
  const f = faces[0];
  if (!f) continue;
  found++;
  for (const k of LANDMARK_KEYS) {
    const u = (f.landmarks[k][0] - X0) / SIDE;
    const v = (f.landmarks[k][1] - Y0) / SIDE;
    const s = sums[k];
    s[0]! += u;
    s[1]! += v;
    s[2]! += u * u;
    s[3]! += v * v;
  }
}
const round = (x: number) => Math.round(x * 10000) / 10000;
const landmarks = Object.fromEntries(
  LANDMARK_KEYS.map((k) => {
    const [su, sv] = sums[k] as [number, number];
    return [k, [round(su / found), round(sv / found)]];
  }),
);
const spread = Object.fromEntries(
  LANDMARK_KEYS.map((k) => {
    const [su, sv, suu, svv] = sums[k] as [number, number, number, number];
    return [k, [round(Math.sqrt(suu / found - (su / found) ** 2)), round(Math.sqrt(svv / found - (sv / found) ** 2))]];
  }),
);
const out = {
  description:
    'Mean landmark positions of training faces in the model crop, normalised to [0, 1] (x right, y down), measured with the app face detector (face-api tiny detector + 68 landmarks).',
  landmarks,
  spread,
  faces: n,
  detected: found,
};
await writeFile(resolve(repoRoot, 'training/alignment.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(JSON.stringify(out));
