// loadWeights on shards built here with tfjs's own encoder: decoded values, progress, and the checks that refuse a
// shard whose size or sha256 differ from what the manifest declares, without leaking a tensor.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, type ModelFile, type WeightGroup } from './manifest';
import { loadWeights, sha256Hex } from './weights';

const BASE = 'https://models.test/m/';
let shard: ArrayBuffer;
let groups: WeightGroup[];
let file: ModelFile;

/** A fetch over an in-memory folder; anything else is a 404. */
function folder(files: Record<string, ArrayBuffer>): typeof fetch {
  return async (input) => {
    const path = String(input).slice(BASE.length);
    const body = files[path];
    return body ? new Response(body.slice(0)) : new Response(null, { status: 404 });
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const named = { a: tf.tensor2d([1, 2, 3, 4], [2, 2]), b: tf.tensor1d([0.5, -0.5]) };
  const encoded = await tf.io.encodeWeights(named);
  tf.dispose(Object.values(named));
  shard = encoded.data;
  groups = [{ paths: ['w.bin'], weights: encoded.specs as WeightGroup['weights'] }];
  file = { path: 'w.bin', bytes: shard.byteLength, sha256: (await sha256Hex(shard)) as string };
});

describe('sha256Hex', () => {
  it('gives the standard digest of "abc"', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc').buffer as ArrayBuffer)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('loadWeights', () => {
  it('decodes the shards into named tensors the caller owns, reporting progress up to the declared total', async () => {
    const before = tf.memory().numTensors;
    const progress: [number, number][] = [];
    const weights = await loadWeights(BASE, groups, {
      fetch: folder({ 'w.bin': shard }),
      files: [file],
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(Object.keys(weights).sort()).toEqual(['a', 'b']);
    expect(Array.from(await weights.a!.data())).toEqual([1, 2, 3, 4]);
    expect(Array.from(await weights.b!.data())).toEqual([0.5, -0.5]);
    expect(progress[0]).toEqual([0, shard.byteLength]);
    expect(progress.at(-1)).toEqual([shard.byteLength, shard.byteLength]);
    tf.dispose(Object.values(weights));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes shards the manifest does not list as they come', async () => {
    const weights = await loadWeights(BASE, groups, { fetch: folder({ 'w.bin': shard }) });
    expect(weights.a!.shape).toEqual([2, 2]);
    tf.dispose(Object.values(weights));
  });

  it('refuses a shard whose sha256 differs, creating no tensor', async () => {
    const before = tf.memory().numTensors;
    const flipped = new Uint8Array(shard.slice(0));
    flipped[0] = (flipped[0] ?? 0) ^ 0xff;
    const load = loadWeights(BASE, groups, { fetch: folder({ 'w.bin': flipped.buffer }), files: [file] });
    await expect(load).rejects.toThrow(ManifestError);
    await expect(load).rejects.toThrow('Weights w.bin are corrupt (checksum mismatch)');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a shard of the wrong size', async () => {
    const short = shard.slice(0, shard.byteLength - 4);
    await expect(loadWeights(BASE, groups, { fetch: folder({ 'w.bin': short }), files: [file] })).rejects.toThrow(
      `Weights w.bin are ${short.byteLength} bytes, the manifest says ${shard.byteLength}`,
    );
  });

  it('names the HTTP status of a missing shard', async () => {
    const load = loadWeights(BASE, groups, { fetch: folder({}) });
    await expect(load).rejects.toThrow(ManifestError);
    await expect(load).rejects.toThrow('Could not fetch weights w.bin (HTTP 404)');
  });

  it('disposes what it decoded when a later group fails to decode', async () => {
    const before = tf.memory().numTensors;
    const broken: WeightGroup = { paths: ['x.bin'], weights: [{ name: 'x', shape: [1000], dtype: 'float32' }] };
    const fetchBoth = folder({ 'w.bin': shard, 'x.bin': new ArrayBuffer(8) });
    const load = loadWeights(BASE, [...groups, broken], { fetch: fetchBoth });
    await expect(load).rejects.toThrow(/Could not decode weights/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
