// Interprets a model manifest (docs/model-format.md): the browser runs whatever generator and encoder the manifest
// declares, so a model is data, not code. Weights are plain tensors, not variables: gradients with respect to the
// latent then never need Conv2DBackpropFilter, which the WASM backend lacks.
import * as tf from '@tensorflow/tfjs';
import { conv2dSame, flippedKernels, upsampleNearest } from './fastGrad';
import { ManifestError, parseManifest, type LayerSpec, type ModelManifest } from './manifest';
import { loadWeights, type WeightsOptions } from './weights';

export type LoadOptions = Pick<WeightsOptions, 'fetch' | 'onProgress'>;

/**
 * A per-photo generator input (inversion.ts fits it): one code per consumer of the input vector (the first layer, then
 * each modulate, in order), each concatenated with the attributes; and an optional offset added to the activations
 * after layer `after`. Tensors belong to the caller.
 */
export interface GeneratorFit {
  codes: tf.Tensor2D; // [codeCount, latentSize]
  offset: { after: number; add: tf.Tensor4D } | null; // add: [1, h, w, c], that layer's output shape
}

export class GanModel {
  private disposed = false;
  /** Conv kernels flipped for a fast input gradient (fastGrad.ts); owned here, released by dispose(). */
  private readonly flipped: tf.NamedTensorMap;

  private constructor(
    readonly manifest: ModelManifest,
    // Owned here: released by dispose().
    private readonly weights: tf.NamedTensorMap,
  ) {
    this.flipped = flippedKernels(manifest.networks.generator.layers, weights);
  }

  /** Fetches manifest.json and its weight shards from `baseUrl` (a folder URL ending in '/'). */
  static async load(baseUrl: string, opts: LoadOptions = {}): Promise<GanModel> {
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
    const weights = await loadWeights(base, manifest.weights, { ...opts, fetch: doFetch, files: manifest.files });
    return new GanModel(manifest, weights);
  }

  /**
   * The generator of training snapshot `index` (manifest.snapshots) as a model of its own, generator only; its
   * weights are fetched from `baseUrl` and owned by the returned model.
   */
  async loadSnapshot(baseUrl: string, index: number, opts: LoadOptions = {}): Promise<GanModel> {
    const snap = this.manifest.snapshots?.[index];
    if (!snap) throw new ManifestError(`Model ${this.manifest.id} has no snapshot ${index}`);
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    const weights = await loadWeights(base, [snap.weights], { ...opts, files: this.manifest.files });
    const { generator } = this.manifest.networks;
    return new GanModel({ ...this.manifest, networks: { generator }, weights: [snap.weights] }, weights);
  }

  get hasEncoder(): boolean {
    return this.manifest.networks.encoder !== undefined;
  }

  /** [B, latentSize], [B, k] -> [B, H, W, channels] in pixelRange. Synchronous: call inside tf.tidy. */
  generate(latent: tf.Tensor2D, attributes: tf.Tensor2D): tf.Tensor4D {
    const w = tf.concat([latent, attributes], 1);
    return this.run(this.manifest.networks.generator.layers, w, () => w) as tf.Tensor4D;
  }

  /** How many codes a GeneratorFit has: the first layer's, and one per modulate. */
  get codeCount(): number {
    return 1 + this.manifest.networks.generator.layers.filter((l) => l.op === 'modulate').length;
  }

  /**
   * Where a feature offset of spatial size `side` goes: after the activation that follows the first modulate at that
   * size, and its shape there ([1, side, side, c]); null when the generator has no such layer.
   */
  featureSlot(side: number): { after: number; shape: [number, number, number, number] } | null {
    const layers = this.manifest.networks.generator.layers;
    const shapes: number[][] = [];
    tf.tidy(() => {
      const w = tf.zeros([1, this.manifest.latent.size + this.manifest.attributes.length]);
      this.run(
        layers,
        w,
        () => w,
        (_i, x) => (shapes.push(x.shape), x),
      );
    });
    for (let i = 1; i < layers.length; i++) {
      const s = shapes[i];
      if (layers[i - 1]?.op === 'modulate' && s?.length === 4 && s[1] === side && layers[i]?.op === 'lrelu') {
        return { after: i, shape: [1, side, s[2] ?? side, s[3] ?? 0] };
      }
    }
    return null;
  }

  /** The generator at `fit` for attributes [1, k] (the same in every code) -> [1, H, W, 3]. Call inside tf.tidy. */
  generateFit(fit: GeneratorFit, attributes: tf.Tensor2D): tf.Tensor4D {
    const cond = (i: number) => tf.concat([fit.codes.slice([i, 0], [1, -1]), attributes], 1);
    const { offset } = fit;
    const hook = offset ? (i: number, x: tf.Tensor) => (i === offset.after ? tf.add(x, offset.add) : x) : undefined;
    return this.run(this.manifest.networks.generator.layers, cond(0), (i) => cond(i + 1), hook) as tf.Tensor4D;
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

  /**
   * The discriminator's verdict on images [B, H, W, C] in pixelRange as class weights [B, k]: score + projection . k
   * per image (above 0 leans real), and its raw outputs [B, n]. Synchronous: call inside tf.tidy.
   */
  discriminate(image: tf.Tensor4D, attributes: tf.Tensor2D): { verdict: tf.Tensor1D; outputs: tf.Tensor2D } {
    const d = this.manifest.networks.discriminator;
    if (!d) throw new Error(`Model ${this.manifest.id} has no discriminator`);
    const outputs = this.run(d.layers, image, null) as tf.Tensor2D;
    const [s0] = d.outputs.score;
    const [p0, p1] = d.outputs.projection;
    const projection = tf.sum(tf.mul(outputs.slice([0, p0], [-1, p1 - p0]), attributes), 1);
    return { verdict: tf.add(tf.reshape(outputs.slice([0, s0], [-1, 1]), [-1]), projection), outputs };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.weights);
    tf.dispose(this.flipped);
  }

  private w(name: string): tf.Tensor {
    const t = this.weights[name];
    if (!t) throw new ManifestError(`Weight "${name}" is missing from the shards`);
    return t;
  }

  /** `cond(i)`: the i-th modulate's input vector; `after(i, x)`: may replace layer i's output. */
  private run(
    layers: LayerSpec[],
    input: tf.Tensor,
    cond: ((i: number) => tf.Tensor) | null,
    after?: (i: number, x: tf.Tensor) => tf.Tensor,
  ): tf.Tensor {
    if (this.disposed) throw new Error('GanModel was disposed');
    let x = input;
    let mod = 0;
    for (const [i, layer] of layers.entries()) {
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
          const v = cond(mod++) as tf.Tensor2D;
          const gamma = tf.add(tf.matMul(v, this.w(layer.gamma) as tf.Tensor2D), this.w(layer.gammaBias));
          const beta = tf.add(tf.matMul(v, this.w(layer.beta) as tf.Tensor2D), this.w(layer.betaBias));
          x = tf.add(tf.mul(x, tf.reshape(tf.add(gamma, 1), [-1, 1, 1, c])), tf.reshape(beta, [-1, 1, 1, c]));
          break;
        }
        case 'lrelu':
          x = tf.leakyRelu(x, layer.alpha);
          break;
        case 'upsample': {
          x = upsampleNearest(x as tf.Tensor4D, layer.factor);
          break;
        }
        case 'conv2d': {
          const flipped = this.flipped[layer.weight];
          if (flipped) {
            x = conv2dSame(
              x as tf.Tensor4D,
              this.w(layer.weight) as tf.Tensor4D,
              flipped as tf.Tensor4D,
              this.w(layer.bias),
            );
            break;
          }
          const pad = layer.pad === 'same' ? 'same' : layer.pad;
          x = tf.add(
            tf.conv2d(x as tf.Tensor4D, this.w(layer.weight) as tf.Tensor4D, layer.stride, pad),
            this.w(layer.bias),
          );
          break;
        }
        case 'tanh':
          x = tf.tanh(x);
          break;
      }
      if (after) x = after(i, x);
    }
    return x;
  }
}
