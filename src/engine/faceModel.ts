// Interprets a model manifest (docs/model-format.md): the browser runs whatever generator and encoder the manifest
// declares, so a model is data, not code. Weights are plain tensors, not variables: gradients with respect to the
// latent then never need Conv2DBackpropFilter, which the WASM backend lacks.
import * as tf from '@tensorflow/tfjs';
import { conv2dSame, flippedKernels, upsampleNearest } from './fastGrad';
import { ManifestError, parseManifest, type LayerSpec, type ModelManifest } from './manifest';
import { loadWeights, type WeightsOptions } from './weights';

export type LoadOptions = Pick<WeightsOptions, 'fetch' | 'onProgress'>;

export class FaceModel {
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
    const weights = await loadWeights(base, manifest.weights, { ...opts, fetch: doFetch, files: manifest.files });
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
    tf.dispose(this.flipped);
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
          const gamma = tf.add(
            tf.matMul(cond as tf.Tensor2D, this.w(layer.gamma) as tf.Tensor2D),
            this.w(layer.gammaBias),
          );
          const beta = tf.add(
            tf.matMul(cond as tf.Tensor2D, this.w(layer.beta) as tf.Tensor2D),
            this.w(layer.betaBias),
          );
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
    }
    return x;
  }
}
