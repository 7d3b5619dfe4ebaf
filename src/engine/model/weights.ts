// Weight shards, as a tfjs weights manifest names them: fetched one by one with byte progress, checked against the
// sizes and sha256 sums the model manifest declares, and decoded into tensors. The face model and the face detector
// both load this way.
import * as tf from '@tensorflow/tfjs';
import { ManifestError, type ModelFile, type WeightGroup } from './manifest';

export interface WeightsOptions {
  fetch?: typeof fetch;
  /** Expected size and checksum per shard path; a shard not listed is taken as it comes. */
  files?: readonly ModelFile[];
  /** Bytes received so far of the total the `files` declare (0 when none are given). */
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
}

async function readWithProgress(res: Response, onChunk: (n: number) => void): Promise<ArrayBuffer> {
  if (!res.body) {
    const buf = await res.arrayBuffer();
    onChunk(buf.byteLength);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    onChunk(value.byteLength);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out.buffer;
}

/** Lower-case hex SHA-256; null where Web Crypto is missing (an insecure context), and the check is then skipped. */
export async function sha256Hex(buf: ArrayBuffer): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', buf));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches every shard of `groups` from `base` (a folder URL ending in '/'); the caller owns the returned tensors. */
export async function loadWeights(
  base: string,
  groups: readonly WeightGroup[],
  opts: WeightsOptions = {},
): Promise<tf.NamedTensorMap> {
  const doFetch = opts.fetch ?? fetch;
  const expected = new Map((opts.files ?? []).map((f) => [f.path, f]));
  const total = (opts.files ?? []).reduce((s, f) => s + f.bytes, 0);
  let loaded = 0;
  opts.onProgress?.(0, total);
  const buffers = new Map<string, ArrayBuffer>();
  for (const path of groups.flatMap((g) => g.paths)) {
    const res = await doFetch(`${base}${path}`);
    if (!res.ok) throw new ManifestError(`Could not fetch weights ${path} (HTTP ${res.status})`);
    const buf = await readWithProgress(res, (n) => {
      loaded += n;
      opts.onProgress?.(loaded, total);
    });
    const spec = expected.get(path);
    if (spec && spec.bytes !== buf.byteLength) {
      throw new ManifestError(`Weights ${path} are ${buf.byteLength} bytes, the manifest says ${spec.bytes}`);
    }
    if (spec?.sha256) {
      const hash = await sha256Hex(buf);
      if (hash !== null && hash !== spec.sha256)
        throw new ManifestError(`Weights ${path} are corrupt (checksum mismatch)`);
    }
    buffers.set(path, buf);
  }
  const weights: tf.NamedTensorMap = {};
  try {
    for (const group of groups) {
      const parts = group.paths.map((p) => buffers.get(p) as ArrayBuffer);
      Object.assign(weights, tf.io.decodeWeights(parts, group.weights as tf.io.WeightsManifestEntry[]));
    }
  } catch (e) {
    tf.dispose(weights);
    throw new ManifestError(`Could not decode weights: ${(e as Error).message}`);
  }
  return weights;
}
