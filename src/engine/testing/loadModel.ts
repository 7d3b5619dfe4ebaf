// Node-only helper for engine tests: loads an exported model folder from disk through FaceModel.load.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FaceModel } from '../faceModel';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const defaultModelDir = process.env.LATENT_LAB_PARITY_MODEL ?? resolve(repoRoot, 'public/models/celeba64');

export const fileFetch: typeof fetch = async (input) => {
  try {
    return new Response(await readFile(String(input)));
  } catch {
    return new Response(null, { status: 404 });
  }
};

export function loadModelFromDisk(dir = defaultModelDir): Promise<FaceModel> {
  return FaceModel.load(`${dir}/`, { fetch: fileFetch });
}

/** Selects a tfjs backend in Node; 'wasm' loads its binaries from node_modules. */
export async function selectBackendInNode(name: 'cpu' | 'wasm'): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  if (name === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${resolve(repoRoot, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  }
  await tf.setBackend(name);
  await tf.ready();
}
