import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Renderer, type Generator } from './renderer';

// A stand-in generator with the real contract: [1, n] + [1, k] -> [1, 2, 2, 3] in [-1, 1] (and beyond, to test clipping).
const generator: Generator = {
  generate: (z, y) =>
    tf.tidy(() => {
      const w = tf.concat([z, y], 1);
      const first = w.slice([0, 0], [1, 12]).mul(2); // deliberately overshoots [-1, 1]
      return first.reshape([1, 2, 2, 3]) as tf.Tensor4D;
    }),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Renderer', () => {
  it('maps the pixel range to bytes, clips overshoot and adds opaque alpha', async () => {
    const renderer = new Renderer(generator, [-1, 1]);
    const latent = Float32Array.from([-1, 0, 1, -0.5, 0.5, 2, -3, 0.25, 0, 0.1]);
    const frame = await renderer.render({ latent, attributes: Float32Array.of(-0.5, 0.5) });
    expect(frame.width).toBe(2);
    expect(frame.height).toBe(2);
    // x*2 clipped to [-1,1] then (v+1)*127.5 rounded
    const expected = [-2, 0, 2, -1, 1, 4, -6, 0.5, 0, 0.2, -1, 1].map((v) =>
      Math.round((Math.min(1, Math.max(-1, v)) + 1) * 127.5),
    );
    const rgb = Array.from(frame.data).filter((_, i) => i % 4 !== 3);
    const alpha = Array.from(frame.data).filter((_, i) => i % 4 === 3);
    expect(rgb).toEqual(expected);
    expect(alpha).toEqual([255, 255, 255, 255]);
  });

  it('draws a grey generator (one channel) as the same byte in R, G and B', async () => {
    const grey: Generator = {
      generate: (z) => tf.tidy(() => z.slice([0, 0], [1, 4]).reshape([1, 2, 2, 1]) as tf.Tensor4D),
    };
    const frame = await new Renderer(grey, [-1, 1]).render({
      latent: Float32Array.of(-1, 0, 1, 0.5),
      attributes: new Float32Array(1),
    });
    expect(Array.from(frame.data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 191, 191, 191, 255]);
  });

  it('leaves no tensors behind, even after many frames', async () => {
    const renderer = new Renderer(generator, [-1, 1]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      await renderer.render({ latent: new Float32Array(10).fill(i / 50), attributes: new Float32Array(2) });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves no tensors behind when the generator throws', async () => {
    const broken: Generator = {
      generate: () => {
        tf.zeros([3]);
        throw new Error('boom');
      },
    };
    const before = tf.memory().numTensors;
    await expect(
      new Renderer(broken, [-1, 1]).render({ latent: new Float32Array(2), attributes: new Float32Array(1) }),
    ).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });
});
