// Parity of the Fashion-MNIST model (grey, one-hot classes): its generator, encoder, discriminator and a training
// snapshot, run by this engine with @tensorflow/tfjs in Node, against the PyTorch outputs the exporter stored for fixed
// inputs (training/latentlab/fashion/export.py). LATENT_LAB_FASHION_MODEL / _FIXTURE point at another export (CI's
// smoke run).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GanModel } from './ganModel';
import { parseManifest } from './manifest';
import { fileFetch, repoRoot } from './testing/loadModel';

const modelDir = process.env.LATENT_LAB_FASHION_MODEL ?? resolve(repoRoot, 'public/models/fashion32');
const fixturePath =
  process.env.LATENT_LAB_FASHION_FIXTURE ?? resolve(repoRoot, 'training/reports/fashion32-parity.json');
const TOLERANCE = 1e-3;

function floats(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** The largest difference, relative to the reference's size where it exceeds 1 (the discriminator's scores do). */
function worst(actual: ArrayLike<number>, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let m = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    m = Math.max(m, Math.abs((actual[i] as number) - e) / Math.max(1, Math.abs(e)));
  }
  return m;
}

describe('Fashion-MNIST model parity with PyTorch', () => {
  let model: GanModel;
  let fixture: Record<string, string | number>;
  let n: number;
  let inputs: () => { latent: tf.Tensor2D; attributes: tf.Tensor2D };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = await GanModel.load(`${modelDir}/`, { fetch: fileFetch });
    fixture = JSON.parse(await readFile(fixturePath, 'utf8'));
    n = fixture.batch as number;
    const { size } = model.manifest.latent;
    const k = model.manifest.attributes.length;
    inputs = () => ({
      latent: tf.tensor2d(floats(fixture.latent as string), [n, size]),
      attributes: tf.tensor2d(floats(fixture.attributes as string), [n, k]),
    });
  });

  it('declares a grey 32 px model, ten one-hot classes, a discriminator and 4-6 snapshots, in files under 4 MiB', async () => {
    const { manifest } = model;
    expect(manifest.channels).toBe(1);
    expect(manifest.resolution).toBe(32);
    expect(manifest.condition?.kind).toBe('one-hot');
    expect(manifest.condition?.classes).toEqual(manifest.attributes.map((a) => a.name));
    expect(manifest.attributes).toHaveLength(10);
    expect(manifest.networks.discriminator).toBeDefined();
    expect(manifest.snapshots?.length).toBeGreaterThanOrEqual(4);
    expect(manifest.snapshots?.length).toBeLessThanOrEqual(6);
    for (const f of manifest.files) expect(f.bytes).toBeLessThan(4 * 1024 * 1024);
    const raw = JSON.parse(await readFile(`${modelDir}/manifest.json`, 'utf8'));
    const { generator } = raw.networks;
    expect(() =>
      parseManifest({ ...raw, snapshots: [{ iteration: 1, share: 0, weights: { paths: [], weights: [] } }] }),
    ).toThrow(/snapshots\[0\] lacks weight/);
    expect(() => parseManifest({ ...raw, networks: { generator, discriminator: { layers: [] } } })).toThrow(
      /discriminator/,
    );
  });

  it('generator matches within 1e-3 on grey pixels in [-1, 1]', async () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const { latent, attributes } = inputs();
      return model.generate(latent, attributes);
    });
    const r = model.manifest.resolution;
    expect(out.shape).toEqual([n, r, r, 1]);
    expect(worst(await out.data(), floats(fixture.image as string))).toBeLessThanOrEqual(TOLERANCE);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('encoders E_z and E_y match within 1e-3', async () => {
    const before = tf.memory().numTensors;
    const r = model.manifest.resolution;
    const { latent, attributes } = tf.tidy(() =>
      model.encode(tf.tensor4d(floats(fixture.image as string), [n, r, r, 1])),
    );
    expect(worst(await latent.data(), floats(fixture.encodedLatent as string))).toBeLessThanOrEqual(TOLERANCE);
    expect(worst(await attributes.data(), floats(fixture.encodedAttributes as string))).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([latent, attributes]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('discriminator matches within 1e-3, and its verdict is score + projection . class weights', async () => {
    const before = tf.memory().numTensors;
    const r = model.manifest.resolution;
    const { verdict, outputs } = tf.tidy(() =>
      model.discriminate(tf.tensor4d(floats(fixture.image as string), [n, r, r, 1]), inputs().attributes),
    );
    const expected = floats(fixture.discriminator as string);
    expect(worst(await outputs.data(), expected)).toBeLessThanOrEqual(TOLERANCE);
    const y = floats(fixture.attributes as string);
    const k = model.manifest.attributes.length;
    const width = expected.length / n;
    const want = Float32Array.from({ length: n }, (_, i) => {
      let v = expected[i * width] as number;
      for (let j = 0; j < k; j++) v += (expected[i * width + 1 + j] as number) * (y[i * k + j] as number);
      return v;
    });
    expect(worst(await verdict.data(), want)).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([verdict, outputs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the first training snapshot generates as PyTorch did, and dispose releases its weights', async () => {
    const before = tf.memory().numTensors;
    expect(model.manifest.snapshots?.[0]?.iteration).toBe(fixture.snapshotIteration);
    const snap = await model.loadSnapshot(`${modelDir}/`, 0, { fetch: fileFetch });
    const out = tf.tidy(() => {
      const { latent, attributes } = inputs();
      return snap.generate(latent, attributes);
    });
    expect(worst(await out.data(), floats(fixture.snapshotImage as string))).toBeLessThanOrEqual(TOLERANCE);
    out.dispose();
    snap.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
