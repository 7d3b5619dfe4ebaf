// parseManifest on the exported manifest and on broken copies of it: each is refused with a reason a person can act on.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from './manifest';
import { defaultModelDir as modelDir } from './testing/loadModel';

type Json = Record<string, unknown>;
type Layers = { generator: { layers: Json[] }; encoder?: Json };

function withLayer(m: Json, layer: Json): Json {
  const nets = structuredClone(m.networks) as Layers;
  nets.generator.layers[0] = layer;
  return { ...m, networks: nets };
}

describe('parseManifest', () => {
  let good: Json;
  beforeAll(async () => {
    good = JSON.parse(await readFile(`${modelDir}/manifest.json`, 'utf8'));
  });

  it('accepts the exported manifest', () => {
    const manifest = parseManifest(good);
    expect(manifest.attributes.length).toBeGreaterThanOrEqual(4);
    expect(manifest.networks.generator.layers.length).toBeGreaterThan(0);
  });

  it.each<[string, (m: Json) => unknown, RegExp]>([
    ['not an object', () => 42, /not a JSON object/],
    ['an array', () => [], /not a JSON object/],
    ['wrong format', (m) => ({ ...m, format: 'other/1' }), /format must be "latent-lab-model\/1", got "other\/1"/],
    ['no id', (m) => ({ ...m, id: '' }), /id is missing/],
    ['zero resolution', (m) => ({ ...m, resolution: 0 }), /resolution must be a positive number/],
    ['a one-ended pixel range', (m) => ({ ...m, pixelRange: [-1] }), /pixelRange must be \[lo, hi\]/],
    ['no latent size', (m) => ({ ...m, latent: { distribution: 'normal' } }), /latent\.size must be a positive number/],
    ['a uniform latent', (m) => ({ ...m, latent: { size: 8, distribution: 'uniform' } }), /latent\.distribution/],
    ['attributes not a list', (m) => ({ ...m, attributes: {} }), /attributes must be an array/],
    [
      'an attribute without a label',
      (m) => ({ ...m, attributes: [{ name: 'Smiling' }] }),
      /attributes\[0\] needs a name and a label/,
    ],
    [
      'an attribute without a range',
      (m) => ({ ...m, attributes: [{ name: 'Smiling', label: 'Smile' }] }),
      /attributes\[0\]\.min must be a number/,
    ],
    [
      'an attribute with min >= max',
      (m) => ({ ...m, attributes: [{ name: 'S', label: 'S', min: 2, max: 2, default: 0, off: -1, on: 1 }] }),
      /attributes\[0\] has min >= max/,
    ],
    ['no files list', (m) => ({ ...m, files: undefined }), /weights and files must be arrays/],
    [
      'a weight without a shape',
      (m) => ({ ...m, weights: [{ paths: [], weights: [{ name: 'w' }] }] }),
      /a name and a shape/,
    ],
    ['no generator', (m) => ({ ...m, networks: {} }), /networks\.generator is missing/],
    ['an unknown op', (m) => withLayer(m, { op: 'softmax' }), /networks\.generator\.layers\[0\] has an unknown op/],
    ['a layer lacking a field', (m) => withLayer(m, { op: 'lrelu' }), /layers\[0\] \(lrelu\) lacks "alpha"/],
    [
      'a layer naming a missing weight',
      (m) => withLayer(m, { op: 'dense', weight: 'nope', bias: 'nope' }),
      /layers\[0\] names unknown weight "nope"/,
    ],
    [
      'an encoder without outputs',
      (m) => ({ ...m, networks: { ...(m.networks as Layers), encoder: { layers: [] } } }),
      /networks\.encoder\.outputs is missing/,
    ],
  ])('rejects %s', (_name, mutate, reason) => {
    const parse = () => parseManifest(mutate(good));
    expect(parse).toThrow(ManifestError);
    expect(parse).toThrow(reason);
  });
});
