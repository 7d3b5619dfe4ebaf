// Interprets a model manifest (docs/model-format.md): the browser runs whatever generator and encoder the manifest
// declares, so a model is data, not code. Weights are plain tensors, not variables: gradients with respect to the
// latent then never need Conv2DBackpropFilter, which the WASM backend lacks.
import * as tf from '@tensorflow/tfjs';

import type { AttributeInfo } from './protocol';

/** One attribute as the manifest declares it; the same shape the page receives. */
export type AttributeSpec = AttributeInfo;

export type LayerSpec =
  | { op: 'dense'; weight: string; bias: string }
  | { op: 'reshape'; shape: [number, number, number] }
  | { op: 'flatten' }
  | { op: 'pixelnorm'; eps: number }
  | { op: 'modulate'; gamma: string; gammaBias: string; beta: string; betaBias: string }
  | { op: 'lrelu'; alpha: number }
  | { op: 'upsample'; factor: number }
  | { op: 'conv2d'; weight: string; bias: string; stride: number; pad: 'same' | number }
  | { op: 'tanh' };

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; original_dtype?: 'float32'; scale?: number; min?: number };
}

export interface ModelFile {
  path: string;
  bytes: number;
  sha256?: string;
}

export interface ModelManifest {
  format: string;
  id: string;
  name: string;
  resolution: number;
  pixelRange: [number, number];
  latent: { size: number; distribution: 'normal'; mean: number; std: number };
  attributes: AttributeSpec[];
  /** The training framing; `landmarks` are where a face detector finds eyes, nose and mouth in training crops. */
  alignment?: {
    source: { width: number; height: number };
    size: number;
    center: [number, number];
    landmarks?: Record<'leftEye' | 'rightEye' | 'nose' | 'mouthLeft' | 'mouthRight', [number, number]>;
  };
  networks: {
    generator: { inputs: ['latent', 'attributes']; layers: LayerSpec[] };
    encoder?: { input: 'image'; outputs: { latent: [number, number]; attributes: [number, number] }; layers: LayerSpec[] };
  };
  weights: { paths: string[]; weights: WeightEntry[] }[];
  files: ModelFile[];
  training?: Record<string, unknown>;
  evaluation?: Record<string, unknown>;
}

export const MODEL_FORMAT = 'latent-lab-model/1';

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const LAYER_FIELDS: Record<LayerSpec['op'], string[]> = {
  dense: ['weight', 'bias'],
  reshape: ['shape'],
  flatten: [],
  pixelnorm: ['eps'],
  modulate: ['gamma', 'gammaBias', 'beta', 'betaBias'],
  lrelu: ['alpha'],
  upsample: ['factor'],
  conv2d: ['weight', 'bias', 'stride', 'pad'],
  tanh: [],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function need(cond: unknown, message: string): asserts cond {
  if (!cond) throw new ManifestError(`Invalid model manifest: ${message}`);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkLayers(layers: unknown, where: string, weightNames: Set<string>): void {
  need(Array.isArray(layers) && layers.length > 0, `${where}.layers must be a non-empty array`);
  layers.forEach((layer, i) => {
    need(isRecord(layer) && typeof layer.op === 'string' && layer.op in LAYER_FIELDS, `${where}.layers[${i}] has an unknown op`);
    for (const field of LAYER_FIELDS[layer.op as LayerSpec['op']]) {
      need(field in layer, `${where}.layers[${i}] (${String(layer.op)}) lacks "${field}"`);
      const v = layer[field];
      if (typeof v === 'string' && field !== 'pad') need(weightNames.has(v), `${where}.layers[${i}] names unknown weight "${v}"`);
    }
  });
}

/** Validates a parsed manifest.json; throws ManifestError with a readable reason. */
export function parseManifest(json: unknown): ModelManifest {
  need(isRecord(json), 'not a JSON object');
  need(json.format === MODEL_FORMAT, `format must be "${MODEL_FORMAT}", got ${JSON.stringify(json.format)}`);
  need(typeof json.id === 'string' && json.id.length > 0, 'id is missing');
  need(isNum(json.resolution) && json.resolution > 0, 'resolution must be a positive number');
  need(Array.isArray(json.pixelRange) && json.pixelRange.length === 2 && json.pixelRange.every(isNum), 'pixelRange must be [lo, hi]');
  const latent = json.latent;
  need(isRecord(latent) && isNum(latent.size) && latent.size > 0, 'latent.size must be a positive number');
  need(latent.distribution === 'normal', 'latent.distribution must be "normal"');
  need(Array.isArray(json.attributes), 'attributes must be an array');
  json.attributes.forEach((a: unknown, i: number) => {
    need(isRecord(a) && typeof a.name === 'string' && typeof a.label === 'string', `attributes[${i}] needs a name and a label`);
    for (const k of ['min', 'max', 'default', 'off', 'on']) need(isNum(a[k]), `attributes[${i}].${k} must be a number`);
    need((a.min as number) < (a.max as number), `attributes[${i}] has min >= max`);
  });
  need(Array.isArray(json.weights) && Array.isArray(json.files), 'weights and files must be arrays');
  const names = new Set<string>();
  for (const group of json.weights as unknown[]) {
    need(isRecord(group) && Array.isArray(group.paths) && Array.isArray(group.weights), 'each weights group needs paths and weights');
    for (const w of group.weights as unknown[]) {
      need(isRecord(w) && typeof w.name === 'string' && Array.isArray(w.shape), 'each weight needs a name and a shape');
      names.add(w.name);
    }
  }
  const nets = json.networks;
  need(isRecord(nets) && isRecord(nets.generator), 'networks.generator is missing');
  checkLayers(nets.generator.layers, 'networks.generator', names);
  if (nets.encoder !== undefined) {
    need(isRecord(nets.encoder) && isRecord(nets.encoder.outputs), 'networks.encoder.outputs is missing');
    checkLayers(nets.encoder.layers, 'networks.encoder', names);
  }
  return json as unknown as ModelManifest;
}

export interface LoadOptions {
  fetch?: typeof fetch;
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

async function sha256Hex(buf: ArrayBuffer): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', buf));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class FaceModel {
  private disposed = false;

  private constructor(
    readonly manifest: ModelManifest,
    // Owned here: released by dispose().
    private readonly weights: tf.NamedTensorMap,
  ) {}

  /** Fetches manifest.json and its weight shards from `baseUrl` (a folder URL ending in '/'). */
  static async load(baseUrl: string, opts: LoadOptions = {}): Promise<FaceModel> {
    const doFetch = opts.fetch ?? fetch;
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    const res = await doFetch(`${base}manifest.json`);
    if (!res.ok) throw new ManifestError(`Could not fetch ${base}manifest.json (HTTP ${res.status})`);
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ManifestError(`${base}manifest.json is not valid JSON`);
    }
    const manifest = parseManifest(json);
    const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
    const expected = new Map(manifest.files.map((f) => [f.path, f]));
    let loaded = 0;
    opts.onProgress?.(0, total);
    const buffers = new Map<string, ArrayBuffer>();
    for (const group of manifest.weights) {
      for (const path of group.paths) {
        const r = await doFetch(`${base}${path}`);
        if (!r.ok) throw new ManifestError(`Could not fetch weights ${path} (HTTP ${r.status})`);
        const buf = await readWithProgress(r, (n) => {
          loaded += n;
          opts.onProgress?.(loaded, total);
        });
        const spec = expected.get(path);
        if (spec && spec.bytes !== buf.byteLength) {
          throw new ManifestError(`Weights ${path} are ${buf.byteLength} bytes, the manifest says ${spec.bytes}`);
        }
        if (spec?.sha256) {
          const hash = await sha256Hex(buf);
          if (hash !== null && hash !== spec.sha256) throw new ManifestError(`Weights ${path} are corrupt (checksum mismatch)`);
        }
        buffers.set(path, buf);
      }
    }
    const weights: tf.NamedTensorMap = {};
    try {
      for (const group of manifest.weights) {
        const parts = group.paths.map((p) => buffers.get(p) as ArrayBuffer);
        Object.assign(weights, tf.io.decodeWeights(parts, group.weights as tf.io.WeightsManifestEntry[]));
      }
    } catch (e) {
      tf.dispose(weights);
      throw new ManifestError(`Could not decode weights: ${(e as Error).message}`);
    }
    return new FaceModel(manifest, weights);
  }

  get hasEncoder(): boolean {
    return this.manifest.networks.encoder !== undefined;
  }

  /** [B, latentSize], [B, k] -> [B, H, W, 3] in pixelRange. Synchronous: call inside tf.tidy. */
  generate(latent: tf.Tensor2D, attributes: tf.Tensor2D): tf.Tensor4D {
    const w = tf.concat([latent, attributes], 1);
    return this.run(this.manifest.networks.generator.layers, w, w) as tf.Tensor4D;
  }

  /** [B, H, W, 3] in pixelRange -> latent [B, size] and attributes [B, k]. Synchronous: call inside tf.tidy. */
  encode(image: tf.Tensor4D): { latent: tf.Tensor2D; attributes: tf.Tensor2D } {
    const enc = this.manifest.networks.encoder;
    if (!enc) throw new Error(`Model ${this.manifest.id} has no encoder`);
    const out = this.run(enc.layers, image, null) as tf.Tensor2D;
    const [l0, l1] = enc.outputs.latent;
    const [a0, a1] = enc.outputs.attributes;
    return { latent: out.slice([0, l0], [-1, l1 - l0]), attributes: out.slice([0, a0], [-1, a1 - a0]) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.weights);
  }

  private w(name: string): tf.Tensor {
    const t = this.weights[name];
    if (!t) throw new ManifestError(`Weight "${name}" is missing from the shards`);
    return t;
  }

  private run(layers: LayerSpec[], input: tf.Tensor, cond: tf.Tensor | null): tf.Tensor {
    if (this.disposed) throw new Error('FaceModel was disposed');
    let x = input;
    for (const layer of layers) {
      switch (layer.op) {
        case 'dense':
          x = tf.add(tf.matMul(x as tf.Tensor2D, this.w(layer.weight) as tf.Tensor2D), this.w(layer.bias));
          break;
        case 'reshape':
          x = tf.reshape(x, [-1, ...layer.shape]);
          break;
        case 'flatten':
          x = tf.reshape(x, [x.shape[0] ?? -1, -1]);
          break;
        case 'pixelnorm':
          x = tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), layer.eps)));
          break;
        case 'modulate': {
          if (!cond) throw new ManifestError('modulate needs the network input vector');
          const c = (x.shape[3] ?? 0) as number;
          const gamma = tf.add(tf.matMul(cond as tf.Tensor2D, this.w(layer.gamma) as tf.Tensor2D), this.w(layer.gammaBias));
          const beta = tf.add(tf.matMul(cond as tf.Tensor2D, this.w(layer.beta) as tf.Tensor2D), this.w(layer.betaBias));
          x = tf.add(tf.mul(x, tf.reshape(tf.add(gamma, 1), [-1, 1, 1, c])), tf.reshape(beta, [-1, 1, 1, c]));
          break;
        }
        case 'lrelu':
          x = tf.leakyRelu(x, layer.alpha);
          break;
        case 'upsample': {
          const [, h, wd] = x.shape as number[];
          x = tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [(h ?? 0) * layer.factor, (wd ?? 0) * layer.factor]);
          break;
        }
        case 'conv2d': {
          const pad = layer.pad === 'same' ? 'same' : layer.pad;
          x = tf.add(tf.conv2d(x as tf.Tensor4D, this.w(layer.weight) as tf.Tensor4D, layer.stride, pad), this.w(layer.bias));
          break;
        }
        case 'tanh':
          x = tf.tanh(x);
          break;
      }
    }
    return x;
  }
}
