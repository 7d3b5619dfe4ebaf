// The model manifest (docs/model-format.md) as types, and its validation. Pure: no tfjs, no fetch, so anything may
// read a manifest without loading a backend.
import type { Attribute } from '../../latent/attributes';
import type { AttributePriorRow } from '../../latent/prior';
import type { Landmarks } from '../../photo/align';

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

/** One group of a tfjs weights manifest: shards that decode together into the named weights. */
export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
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
  attributes: Attribute[];
  /** The training framing; `landmarks` are where a face detector finds eyes, nose and mouth in training crops. */
  alignment?: {
    source: { width: number; height: number };
    size: number;
    center: [number, number];
    landmarks?: Landmarks;
  };
  networks: {
    generator: { inputs: ['latent', 'attributes']; layers: LayerSpec[] };
    encoder?: {
      input: 'image';
      outputs: { latent: [number, number]; attributes: [number, number] };
      layers: LayerSpec[];
    };
    /** Optional: the GAN's discriminator; its verdict on an image of class weights y is score + projection . y. */
    discriminator?: {
      input: 'image';
      outputs: { score: [number, number]; projection: [number, number]; classLogits?: [number, number] };
      layers: LayerSpec[];
    };
  };
  /** Image channels: 3 (colour, the default) or 1 (grey). */
  channels?: 1 | 3;
  /** Optional: the attributes are one weight per class (one-hot for one class), not independent sliders. */
  condition?: { kind: 'one-hot'; classes: string[] };
  /** Optional: generator weights taken during training, oldest first; each group holds the generator's weight names. */
  snapshots?: { iteration: number; share: number; weights: WeightGroup }[];
  weights: WeightGroup[];
  files: ModelFile[];
  training?: Record<string, unknown>;
  evaluation?: Record<string, unknown>;
  /** Optional: how often each combination of attribute labels (manifest order) occurs in training; random faces draw from it. */
  attributePrior?: { rows: AttributePriorRow[] };
  /** Optional: real test images in `path` (one of `files`): uint8 [count, size, size] grey, 0 = black, framed by
   * `framing`; `labels[i]` is image i's class (index into condition.classes). */
  testImages?: { path: string; count: number; size: number; labels: number[] };
  /** Optional: how an image of `content` px sits in the frame: `pad` px of `background` (pixelRange) on every side. */
  framing?: { content: number; pad: number; background: number };
}

export const MODEL_FORMAT = 'latent-lab-model/1';

/** A model's files are missing, malformed or do not match what the manifest declares. */
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
    need(
      isRecord(layer) && typeof layer.op === 'string' && layer.op in LAYER_FIELDS,
      `${where}.layers[${i}] has an unknown op`,
    );
    for (const field of LAYER_FIELDS[layer.op as LayerSpec['op']]) {
      need(field in layer, `${where}.layers[${i}] (${String(layer.op)}) lacks "${field}"`);
      const v = layer[field];
      if (typeof v === 'string' && field !== 'pad')
        need(weightNames.has(v), `${where}.layers[${i}] names unknown weight "${v}"`);
    }
  });
}

function checkPrior(prior: unknown, attributes: number): void {
  need(
    isRecord(prior) && Array.isArray(prior.rows) && prior.rows.length > 0,
    'attributePrior.rows must be a non-empty array',
  );
  (prior.rows as unknown[]).forEach((r, i) => {
    need(
      isRecord(r) && Array.isArray(r.values) && r.values.length === attributes && r.values.every(isNum),
      `attributePrior.rows[${i}].values must hold one number per attribute`,
    );
    need(isNum(r.count) && r.count >= 0, `attributePrior.rows[${i}].count must be a non-negative number`);
  });
}

/** Each snapshot must hold every weight the generator's layers name, so it can stand in for the generator's own. */
function checkSnapshots(snapshots: unknown, generator: LayerSpec[]): void {
  need(Array.isArray(snapshots), 'snapshots must be an array');
  const wanted = generator.flatMap((l) =>
    LAYER_FIELDS[l.op].flatMap((f) => {
      const v = (l as unknown as Record<string, unknown>)[f];
      return typeof v === 'string' && f !== 'pad' ? [v] : [];
    }),
  );
  snapshots.forEach((snap: unknown, i: number) => {
    const group = isRecord(snap) ? snap.weights : undefined;
    need(
      isRecord(snap) &&
        isNum(snap.iteration) &&
        isRecord(group) &&
        Array.isArray(group.paths) &&
        Array.isArray(group.weights),
      `snapshots[${i}] needs an iteration and a weights group`,
    );
    const names = new Set((group.weights as unknown[]).map((w) => (isRecord(w) ? w.name : undefined)));
    for (const n of wanted) need(names.has(n), `snapshots[${i}] lacks weight "${n}"`);
  });
}

/** The test images' file must be listed in `files` at exactly count * size * size bytes, framed to the resolution. */
function checkTestImages(spec: unknown, json: Record<string, unknown>): void {
  need(
    isRecord(spec) && typeof spec.path === 'string' && Number.isInteger(spec.count) && Number.isInteger(spec.size),
    'testImages needs a path, a count and a size',
  );
  const framed = (spec.size as number) + (isRecord(json.framing) && isNum(json.framing.pad) ? 2 * json.framing.pad : 0);
  need(framed === json.resolution, `testImages.size framed is ${framed} px, not the resolution`);
  const classes = isRecord(json.condition) && Array.isArray(json.condition.classes) ? json.condition.classes.length : 0;
  need(
    Array.isArray(spec.labels) &&
      spec.labels.length === spec.count &&
      spec.labels.every((l) => Number.isInteger(l) && l >= 0 && l < classes),
    'testImages.labels must hold one class index per image',
  );
  const file = (json.files as unknown[]).find((f) => isRecord(f) && f.path === spec.path);
  const bytes = (spec.count as number) * (spec.size as number) ** 2;
  need(isRecord(file) && file.bytes === bytes, `testImages.path must be in files with count * size * size bytes`);
}

/** Validates a parsed manifest.json; throws ManifestError with a readable reason. */
export function parseManifest(json: unknown): ModelManifest {
  need(isRecord(json), 'not a JSON object');
  need(json.format === MODEL_FORMAT, `format must be "${MODEL_FORMAT}", got ${JSON.stringify(json.format)}`);
  need(typeof json.id === 'string' && json.id.length > 0, 'id is missing');
  need(isNum(json.resolution) && json.resolution > 0, 'resolution must be a positive number');
  need(
    Array.isArray(json.pixelRange) && json.pixelRange.length === 2 && json.pixelRange.every(isNum),
    'pixelRange must be [lo, hi]',
  );
  const latent = json.latent;
  need(isRecord(latent) && isNum(latent.size) && latent.size > 0, 'latent.size must be a positive number');
  need(latent.distribution === 'normal', 'latent.distribution must be "normal"');
  need(Array.isArray(json.attributes), 'attributes must be an array');
  json.attributes.forEach((a: unknown, i: number) => {
    need(
      isRecord(a) && typeof a.name === 'string' && typeof a.label === 'string',
      `attributes[${i}] needs a name and a label`,
    );
    for (const k of ['min', 'max', 'default', 'off', 'on']) need(isNum(a[k]), `attributes[${i}].${k} must be a number`);
    need((a.min as number) < (a.max as number), `attributes[${i}] has min >= max`);
  });
  if (json.attributePrior !== undefined) checkPrior(json.attributePrior, json.attributes.length);
  need(Array.isArray(json.weights) && Array.isArray(json.files), 'weights and files must be arrays');
  const names = new Set<string>();
  for (const group of json.weights as unknown[]) {
    need(
      isRecord(group) && Array.isArray(group.paths) && Array.isArray(group.weights),
      'each weights group needs paths and weights',
    );
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
  if (nets.discriminator !== undefined) {
    need(
      isRecord(nets.discriminator) && isRecord(nets.discriminator.outputs),
      'networks.discriminator.outputs is missing',
    );
    checkLayers(nets.discriminator.layers, 'networks.discriminator', names);
  }
  if (json.channels !== undefined) need(json.channels === 1 || json.channels === 3, 'channels must be 1 or 3');
  if (json.snapshots !== undefined) checkSnapshots(json.snapshots, nets.generator.layers as LayerSpec[]);
  if (json.testImages !== undefined) checkTestImages(json.testImages, json);
  return json as unknown as ModelManifest;
}
