import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { PhotoFit } from './photoFit';
import { useShippedModel } from '../model/testing/loadModel';

describe('PhotoFit', { timeout: 120_000 }, () => {
  const model = useShippedModel();

  const input = (seed: number) => ({
    latent: Float32Array.from({ length: model().manifest.latent.size }, (_, i) => Math.sin(i * seed)),
    attributes: new Float32Array(model().manifest.attributes.length).fill(-1),
  });
  const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

  it('places the feature offset after the activation at that size', () => {
    const slot = model().featureSlot(16)!;
    const layers = model().manifest.networks.generator.layers;
    expect(layers[slot.after]?.op).toBe('lrelu');
    expect(layers[slot.after - 1]?.op).toBe('modulate');
    expect(slot.shape.slice(0, 3)).toEqual([1, 16, 16]);
    expect(model().featureSlot(7)).toBeNull();
    expect(model().codeCount).toBe(1 + layers.filter((l) => l.op === 'modulate').length);
  });

  it("is the plain generator for one latent, and follows the frame's latent and attributes", () => {
    const before = tf.memory().numTensors;
    const a = input(1);
    const b = input(2);
    const fit = PhotoFit.ofLatent(model(), a);
    const plain = (x: typeof a) =>
      model().generate(
        tf.tensor2d(x.latent, [1, x.latent.length]),
        tf.tensor2d(x.attributes, [1, x.attributes.length]),
      );
    b.attributes[0] = 1;
    tf.tidy(() => {
      expect(maxDiff(fit.generate(a), plain(a))).toBeLessThan(1e-4);
      // Another latent and attributes: every code moves by the latent's difference, so this is G(b) too.
      expect(maxDiff(fit.generate(b), plain(b))).toBeLessThan(1e-4);
    });
    fit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adds its per-layer codes and feature offset, and frees them on dispose', () => {
    const before = tf.memory().numTensors;
    const a = input(3);
    const slot = model().featureSlot(16)!;
    const codes = tf.tidy(() =>
      tf.concat(
        Array.from({ length: model().codeCount }, (_, i) => tf.tensor2d(input(3 + i).latent, [1, a.latent.length])),
      ),
    ) as tf.Tensor2D;
    const add = tf.randomNormal(slot.shape, 0, 0.5, 'float32', 1) as tf.Tensor4D;
    const withOffset = PhotoFit.own(model(), { codes, offset: { after: slot.after, add } }, a);
    const codesOnly = PhotoFit.own(model(), { codes: tf.clone(codes), offset: null }, a);
    const plain = PhotoFit.ofLatent(model(), a);
    tf.tidy(() => {
      const g = withOffset.generate(a);
      expect(maxDiff(g, codesOnly.generate(a))).toBeGreaterThan(0.05);
      expect(maxDiff(codesOnly.generate(a), plain.generate(a))).toBeGreaterThan(0.05);
      const edited = { ...a, attributes: a.attributes.map((v, i) => (i === 0 ? 1 : v)) };
      expect(maxDiff(withOffset.generate(edited), g)).toBeGreaterThan(0.05);
    });
    [withOffset, codesOnly, plain].forEach((f) => f.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
