// Parity: the exported generator and encoder, run by this engine with @tensorflow/tfjs in Node, against the PyTorch
// outputs the exporter stored for fixed inputs. LATENT_LAB_PARITY_MODEL / _FIXTURE point at another export (CI's smoke run).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GanModel } from './ganModel';
import { ManifestError } from './manifest';
import { defaultModelDir as modelDir, fileFetch, repoRoot } from './testing/loadModel';

const fixturePath = process.env.LATENT_LAB_PARITY_FIXTURE ?? resolve(repoRoot, 'training/reports/celeba64-parity.json');

function floats(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function maxAbsDiff(a: Float32Array | Int32Array | Uint8Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe('GanModel parity with PyTorch', () => {
  let model: GanModel;
  let fixture: Record<string, string | number>;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = await GanModel.load(`${modelDir}/`, { fetch: fileFetch });
    fixture = JSON.parse(await readFile(fixturePath, 'utf8'));
  });

  it('generator matches within 1e-3 on pixels in [-1, 1]', async () => {
    const before = tf.memory().numTensors;
    const n = fixture.batch as number;
    const { size } = model.manifest.latent;
    const k = model.manifest.attributes.length;
    const out = tf.tidy(() =>
      model.generate(
        tf.tensor2d(floats(fixture.latent as string), [n, size]),
        tf.tensor2d(floats(fixture.attributes as string), [n, k]),
      ),
    );
    const r = model.manifest.resolution;
    expect(out.shape).toEqual([n, r, r, 3]);
    const diff = maxAbsDiff(await out.data(), floats(fixture.image as string));
    out.dispose();
    expect(diff).toBeLessThanOrEqual(1e-3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('encoder matches within 1e-3', async () => {
    const before = tf.memory().numTensors;
    const n = fixture.batch as number;
    const r = model.manifest.resolution;
    const { latent, attributes } = tf.tidy(() =>
      model.encode(tf.tensor4d(floats(fixture.image as string), [n, r, r, 3])),
    );
    expect(maxAbsDiff(await latent.data(), floats(fixture.encodedLatent as string))).toBeLessThanOrEqual(1e-3);
    expect(maxAbsDiff(await attributes.data(), floats(fixture.encodedAttributes as string))).toBeLessThanOrEqual(1e-3);
    tf.dispose([latent, attributes]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gradient of the reconstruction error reaches the latent (weights are not variables)', () => {
    const before = tf.memory().numTensors;
    const { size } = model.manifest.latent;
    const k = model.manifest.attributes.length;
    const r = model.manifest.resolution;
    const norm = tf.tidy(() => {
      const y = tf.zeros([1, k]) as tf.Tensor2D;
      const target = tf.zeros([1, r, r, 3]);
      const grad = tf.grad((z: tf.Tensor) => tf.mean(tf.square(tf.sub(model.generate(z as tf.Tensor2D, y), target))));
      return tf.norm(grad(tf.randomNormal([1, size], 0, 1, 'float32', 3))).dataSync()[0] as number;
    });
    expect(norm).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose releases every weight', async () => {
    const before = tf.memory().numTensors;
    const other = await GanModel.load(`${modelDir}/`, { fetch: fileFetch });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    other.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('GanModel.load', () => {
  it('rejects a corrupt weight shard', async () => {
    const corrupt: typeof fetch = async (input) => {
      const res = await fileFetch(input);
      if (!String(input).endsWith('.bin')) return res;
      const buf = new Uint8Array(await res.arrayBuffer());
      buf[0] = (buf[0] ?? 0) ^ 0xff;
      return new Response(buf);
    };
    await expect(GanModel.load(`${modelDir}/`, { fetch: corrupt })).rejects.toThrow(/corrupt/);
  });

  it('names HTTP 404 when the folder holds no manifest (the worker reports model-not-found on it)', async () => {
    const load = GanModel.load(`${modelDir}/missing/`, { fetch: fileFetch });
    await expect(load).rejects.toThrow(ManifestError);
    await expect(load).rejects.toThrow(/manifest\.json \(HTTP 404\)/);
  });
});
