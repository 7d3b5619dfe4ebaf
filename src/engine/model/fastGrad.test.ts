import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conv2dSame, flipKernel, flippedKernels, hasConvInputGrad, upsampleNearest } from './fastGrad';
import type { LayerSpec } from './manifest';
import { selectBackendInNode } from './testing/loadModel';

const close = (a: tf.Tensor, b: tf.Tensor) => {
  expect(a.shape).toEqual(b.shape);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
  const scale = tf.tidy(() => tf.max(tf.abs(b)).dataSync()[0] as number);
  expect(scale).toBeGreaterThan(0);
  expect(diff / scale).toBeLessThan(1e-5);
};

describe.each(['cpu', 'wasm'] as const)('conv2dSame on %s', (backend) => {
  let before = 0;
  beforeAll(() => selectBackendInNode(backend));
  afterEach(() => expect(tf.memory().numTensors).toBe(before));

  it.each([1, 3, 5])('matches tfjs conv2d and its gradients for a %i-wide kernel', (k) => {
    before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([2, 7, 6, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([k, k, 4, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
      const b = tf.randomNormal([5], 0, 1, 'float32', 3);
      const probe = tf.randomNormal([2, 7, 6, 5], 0, 1, 'float32', 4);
      const flipped = flipKernel(w);
      // A loss that weighs every output differently, so a wrong gradient cannot hide in a symmetric sum.
      const reference = (xx: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(tf.add(tf.conv2d(xx as tf.Tensor4D, w, 1, 'same'), bb), probe));
      const fast = (xx: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(conv2dSame(xx as tf.Tensor4D, w, flipped, bb), probe));
      close(conv2dSame(x, w, flipped, b), tf.add(tf.conv2d(x, w, 1, 'same'), b));
      const [gx, gb] = tf.grads(fast)([x, b]);
      const [rx, rb] = tf.grads(reference)([x, b]);
      close(gx as tf.Tensor, rx as tf.Tensor);
      close(gb as tf.Tensor, rb as tf.Tensor);
    });
  });
});

describe.each(['cpu', 'wasm'] as const)('upsampleNearest on %s', (backend) => {
  beforeAll(() => selectBackendInNode(backend));

  it.each([2, 3])('repeats each pixel f x f times and sums the gradient over each block, f = %i', (f) => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
      const probe = tf.randomNormal([2, 5 * f, 4 * f, 3], 0, 1, 'float32', 6);
      // Written out by hand, not through ResizeNearestNeighborGrad (which the cpu backend gets wrong for a batch of
      // more than one): each input pixel receives the sum of its f x f block of the output gradient.
      const [xs, ps] = [x.arraySync(), probe.arraySync() as number[][][][]];
      const up = tf.tensor4d(
        ps.map((_, n) => ps[0]!.map((row, i) => row.map((_, j) => xs[n]![Math.floor(i / f)]![Math.floor(j / f)]!))),
      );
      const block = (n: number, i: number, j: number, c: number) => {
        let sum = 0;
        for (let di = 0; di < f; di++) for (let dj = 0; dj < f; dj++) sum += ps[n]![i * f + di]![j * f + dj]![c]!;
        return sum;
      };
      const expected = tf.tensor4d(
        xs.map((img, n) => img.map((row, i) => row.map((px, j) => px.map((_, c) => block(n, i, j, c))))),
      );
      const fast = (xx: tf.Tensor) => tf.sum(tf.mul(upsampleNearest(xx as tf.Tensor4D, f), probe));
      close(upsampleNearest(x, f), up);
      close(tf.grad(fast)(x), expected);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('which layers get a flipped kernel', () => {
  const conv = (weight: string, stride: number, pad: 'same' | number): LayerSpec => ({
    op: 'conv2d',
    weight,
    bias: `${weight}.b`,
    stride,
    pad,
  });
  it('only stride-1, same-padded, odd square kernels', () => {
    expect(hasConvInputGrad({ op: 'conv2d', weight: 'a', bias: 'b', stride: 1, pad: 'same' }, [3, 3, 2, 2])).toBe(true);
    expect(hasConvInputGrad({ op: 'conv2d', weight: 'a', bias: 'b', stride: 2, pad: 'same' }, [3, 3, 2, 2])).toBe(
      false,
    );
    expect(hasConvInputGrad({ op: 'conv2d', weight: 'a', bias: 'b', stride: 1, pad: 'same' }, [4, 4, 2, 2])).toBe(
      false,
    );
    expect(hasConvInputGrad({ op: 'conv2d', weight: 'a', bias: 'b', stride: 1, pad: 0 }, [3, 3, 2, 2])).toBe(false);
    const weights = { s1: tf.zeros([3, 3, 2, 4]), s2: tf.zeros([3, 3, 2, 4]) };
    const before = tf.memory().numTensors;
    const flipped = flippedKernels([conv('s1', 1, 'same'), conv('s2', 2, 'same'), conv('s1', 1, 'same')], weights);
    expect(Object.keys(flipped)).toEqual(['s1']);
    expect(flipped.s1?.shape).toEqual([3, 3, 4, 2]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([flipped, weights]);
  });
});
