// Snapshots and the verdict on the shipped Fashion-MNIST model: lazy loading, one owner, nothing left after dispose.
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GanModel } from './ganModel';
import { fileFetch, loadModelFromDisk, repoRoot } from './testing/loadModel';
import { Renderer } from '../render/renderer';
import { SnapshotCache } from './snapshotCache';
import { judgeFrame } from '../render/verdict';

const dir = resolve(repoRoot, 'public/models/fashion32');
let model: GanModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await loadModelFromDisk(dir);
});
afterAll(() => model.dispose());

function input(cls: number) {
  const latent = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7));
  const attributes = new Float32Array(10);
  attributes[cls] = 1;
  return { latent, attributes };
}

describe('SnapshotCache and judgeFrame', () => {
  it('renders the same latent differently through the snapshots, and frees every snapshot on dispose', async () => {
    const before = tf.memory().numTensors;
    const cache = new SnapshotCache(model, `${dir}/`, { fetch: fileFetch });
    const first = await cache.get(0);
    expect(await cache.get(0)).toBe(first); // loaded once
    const early = await new Renderer(first, [-1, 1]).render(input(1));
    const final = await new Renderer(model, [-1, 1]).render(input(1));
    expect(early.data.length).toBe(32 * 32 * 4);
    let diff = 0;
    for (let i = 0; i < early.data.length; i++) diff += Math.abs(early.data[i]! - final.data[i]!);
    expect(diff / early.data.length).toBeGreaterThan(2);
    cache.dispose();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    await expect(cache.get(1)).rejects.toThrow(/released/);
  });

  it("gives the discriminator's score for a frame, finite, leaving no tensors", async () => {
    const before = tf.memory().numTensors;
    const { verdict } = await judgeFrame(model, model, input(7));
    expect(Number.isFinite(verdict)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
