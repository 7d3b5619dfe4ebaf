import { describe, expect, it } from 'vitest';
import { FaceJsonError, parseFace, serializeFace } from './faceJson';
import { randomLatent } from './random';

const shape = { modelId: 'm1', latentSize: 8, attributeNames: ['Smiling', 'Male'] };
const latent = randomLatent(5, { size: 8, mean: 0, std: 1 });
const attributes = Float32Array.of(0.25, -1.7);

describe('face JSON', () => {
  it('round-trips bit-for-bit', () => {
    const parsed = parseFace(serializeFace(shape, latent, attributes), shape);
    expect(parsed.latent).toEqual(latent);
    expect(parsed.attributes).toEqual(attributes);
  });
  it('names the model and attributes', () => {
    const json = JSON.parse(serializeFace(shape, latent, attributes));
    expect(json.model).toBe('m1');
    expect(Object.keys(json.attributes)).toEqual(['Smiling', 'Male']);
  });
  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{nope', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['the wrong model', JSON.stringify({ model: 'other', latent: [], attributes: {} }), /model "other"/],
    ['a short latent', JSON.stringify({ model: 'm1', latent: [1, 2], attributes: {} }), /8 numbers \(got 2/],
    [
      'a non-numeric latent',
      JSON.stringify({ model: 'm1', latent: [...Array(7).fill(0), 'x'], attributes: {} }),
      /finite/,
    ],
    [
      'missing attributes',
      JSON.stringify({ model: 'm1', latent: Array(8).fill(0), attributes: { Smiling: 1 } }),
      /missing Male/,
    ],
    [
      'unknown attributes',
      JSON.stringify({ model: 'm1', latent: Array(8).fill(0), attributes: { Smiling: 1, Male: 0, Hat: 1 } }),
      /unknown Hat/,
    ],
    [
      'a string value',
      JSON.stringify({ model: 'm1', latent: Array(8).fill(0), attributes: { Smiling: '1', Male: 0 } }),
      /finite number/,
    ],
  ];
  it.each(bad)('rejects %s with a clear message', (_label, text, message) => {
    expect(() => parseFace(text, shape)).toThrow(FaceJsonError);
    expect(() => parseFace(text, shape)).toThrow(message);
  });
});
