// Node-only helper for engine tests: loads an exported model folder from disk through GanModel.load.
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { GanModel } from '../ganModel';

export const repoRoot = resolve(import.meta.dirname, '../../../..');
export const defaultModelDir = process.env.LATENT_LAB_PARITY_MODEL ?? resolve(repoRoot, 'public/models/celeba64');

export const fileFetch: typeof fetch = async (input) => {
  try {
    return new Response(await readFile(String(input)));
  } catch {
    return new Response(null, { status: 404 });
  }
};

export function loadModelFromDisk(dir = defaultModelDir): Promise<GanModel> {
  return GanModel.load(`${dir}/`, { fetch: fileFetch });
}

/** Selects a tfjs backend in Node; 'wasm' loads its binaries from node_modules. */
export async function selectBackendInNode(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${resolve(repoRoot, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  }
  await tf.setBackend(name);
  await tf.ready();
}

/** A face the generator can make (latent seeded, every attribute off), [res * res * 3] in the model's pixel range. */
export function generatedFace(model: GanModel, seed: number): Float32Array {
  const { size } = model.manifest.latent;
  const k = model.manifest.attributes.length;
  return tf.tidy(() =>
    model.generate(tf.randomNormal([1, size], 0, 1, 'float32', seed), tf.fill([1, k], -1)).dataSync(),
  ) as Float32Array;
}

/** Inside a describe(): the shipped model on WASM, loaded before the suite's tests and freed after them. */
export function useShippedModel(): () => GanModel {
  let model: GanModel | null = null;
  beforeAll(async () => {
    await selectBackendInNode('wasm');
    model = await loadModelFromDisk();
  });
  afterAll(() => model?.dispose());
  return () => {
    if (!model) throw new Error('the shipped model is not loaded yet');
    return model;
  };
}
