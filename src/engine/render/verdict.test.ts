// The discriminator's verdict on given pictures and on the shipped real test images (Fashion-MNIST model, on disk):
// the manifest's testImages field, the images framed as D sees them, and what the shipped D makes of real, generated,
// blank and noise pictures. Every check leaves the tensor count as it was.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GanModel } from '../model/ganModel';
import { parseManifest } from '../model/manifest';
import { fileFetch, loadModelFromDisk, repoRoot } from '../model/testing/loadModel';
import { TestImages } from './testImages';
import { judgePictures, judgeRequest } from './verdict';

const dir = resolve(repoRoot, 'public/models/fashion32');
let model: GanModel;
let tests: TestImages;
let raw: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await loadModelFromDisk(dir);
  tests = new TestImages(model.manifest, dir, { fetch: fileFetch });
  raw = new Uint8Array(await readFile(`${dir}/test-images.bin`));
});
afterAll(() => model.dispose());

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const all = () => Array.from({ length: tests.count }, (_, i) => i);

/** Seeded uniform noise, [32 * 32] grey bytes. */
function noise(seed: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: 32 * 32 }, () => (s = (s * 16807) % 2147483647) % 256);
}

/** What the generator makes for class `cls` from a seeded latent, as grey bytes like a picture from the page. */
function generated(cls: number, seed: number): Uint8Array {
  const pixels = tf.tidy(() =>
    model
      .generate(tf.randomNormal([1, 64], 0, 1, 'float32', seed), tf.oneHot([cls], 10).toFloat() as tf.Tensor2D)
      .dataSync(),
  );
  return Uint8Array.from(pixels, (v) => Math.round(((v + 1) / 2) * 255));
}

describe('testImages in the manifest', () => {
  it('ships 5 real test images per class, described and listed in files', () => {
    const spec = model.manifest.testImages!;
    expect(spec.count).toBe(50);
    expect(raw.length).toBe(50 * 28 * 28);
    for (let c = 0; c < 10; c++) expect(spec.labels.filter((l) => l === c)).toHaveLength(5);
    expect(model.manifest.files.some((f) => f.path === spec.path && f.bytes === raw.length)).toBe(true);
  });

  it('refuses a testImages field whose file size, labels or framing do not fit', async () => {
    const good = JSON.parse(await readFile(`${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;
    const spec = good.testImages as Record<string, unknown>;
    const broken = (patch: Record<string, unknown>) => ({ ...good, testImages: { ...spec, ...patch } });
    const labels = spec.labels as number[];
    expect(() => parseManifest(broken({ count: 49, labels: labels.slice(1) }))).toThrow(/count \* size \* size bytes/);
    expect(() => parseManifest(broken({ labels: [...labels.slice(1), 10] }))).toThrow(/labels/);
    expect(() => parseManifest(broken({ size: 32 }))).toThrow(/framed is 36 px/);
    expect(() => parseManifest(broken({ path: 'missing.bin' }))).toThrow(/must be in files/);
  });
});

describe('TestImages', () => {
  it('frames each 28 px image at 32 px on the black background, and knows its class', async () => {
    const framed = await tests.framed(7);
    expect(framed.length).toBe(32 * 32);
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) {
        const inside = x >= 2 && x < 30 && y >= 2 && y < 30;
        const want = inside ? raw[7 * 784 + (y - 2) * 28 + (x - 2)] : 0;
        expect(framed[y * 32 + x]).toBe(want);
      }
    expect(tests.label(7)).toBe(model.manifest.testImages!.labels[7]);
    expect(() => tests.label(50)).toThrow(/no test image 50/);
  });

  it('refuses a damaged file with a clear message', async () => {
    const damaged: typeof fetch = async (url) => {
      const bytes = new Uint8Array(await (await fileFetch(url)).arrayBuffer());
      bytes[100] = bytes[100]! ^ 1;
      return new Response(bytes);
    };
    await expect(new TestImages(model.manifest, dir, { fetch: damaged }).framed(0)).rejects.toThrow(/corrupt/);
  });
});

describe('judgePictures on the shipped discriminator', () => {
  it('finds the real test images more real than generated garments, a blank picture or noise', async () => {
    const before = tf.memory().numTensors;
    const real = await judgeRequest({ model, tests }, { testImages: all() });
    const realScores = real.verdicts.map((v) => v.verdict);
    expect(real.verdicts.map((v) => v.asClass)).toEqual(model.manifest.testImages!.labels);
    const gens = Array.from({ length: 50 }, (_, i) => generated(i % 10, 100 + i));
    const genScores = (
      await judgePictures(
        model,
        gens,
        gens.map((_, i) => i % 10),
      )
    ).map((v) => v.verdict);
    const [blank] = await judgePictures(model, [new Uint8Array(32 * 32)]);
    const noisy = (await judgePictures(model, [1, 2, 3, 4, 5, 6, 7, 8].map(noise))).map((v) => v.verdict);
    if (process.env.VERDICT_FIGURES)
      console.log(
        `mean verdict: real test images ${mean(realScores).toFixed(3)} (${realScores.filter((s) => s > 0).length}/50 > 0),` +
          ` generated ${mean(genScores).toFixed(3)} (${genScores.filter((s) => s > 0).length}/50 > 0),` +
          ` blank ${blank!.verdict.toFixed(3)}, noise ${mean(noisy).toFixed(3)}`,
      );
    // What the shipped D does (measured): real test images lean real on average and most of them score above 0,
    // while its own generator's garments, a blank frame and noise score lower on average.
    expect(mean(realScores)).toBeGreaterThan(0);
    expect(realScores.filter((s) => s > 0).length).toBeGreaterThan(30);
    expect(mean(realScores)).toBeGreaterThan(mean(genScores));
    expect(mean(realScores)).toBeGreaterThan(blank!.verdict);
    expect(blank!.verdict).toBeLessThan(0);
    expect(mean(realScores)).toBeGreaterThan(mean(noisy));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("judges a picture as D's own class guess unless told a class, and each class gives its own verdict", async () => {
    const before = tf.memory().numTensors;
    const picture = await tests.framed(45); // an ankle boot
    const [guessed, asBoot, asShirt] = await judgePictures(model, [picture, picture, picture], [null, 9, 0]);
    expect(guessed!.guess).toBe(asBoot!.guess);
    expect(guessed!.asClass).toBe(guessed!.guess);
    expect(asBoot!.asClass).toBe(9);
    expect(asShirt!.verdict).not.toBeCloseTo(asBoot!.verdict, 3);
    if (guessed!.guess === 9) expect(guessed!.verdict).toBeCloseTo(asBoot!.verdict, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses pictures of the wrong size or an unknown class, leaving no tensors', async () => {
    const before = tf.memory().numTensors;
    await expect(judgePictures(model, [new Uint8Array(28 * 28)])).rejects.toThrow(/784 pixels.*32 x 32/);
    await expect(judgePictures(model, [new Uint8Array(32 * 32)], [10])).rejects.toThrow(/not one of the model's 10/);
    await expect(judgeRequest({ model, tests }, { testImages: [50] })).rejects.toThrow(/no test image 50/);
    await expect(judgeRequest(null, { testImages: [0] })).rejects.toThrow(/not loaded/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
