// Generator ops whose gradients are forward kernels. tfjs's WASM backend runs Conv2D and AvgPool through XNNPACK but
// Conv2DBackpropInput and ResizeNearestNeighborGrad as plain loops (the first about 10x slower than the forward conv);
// those loops were most of a refinement step, the generator's backward pass. Same numbers on every backend.
// - conv, stride 1, odd square kernel, 'same' padding: dL/dx = conv2d(dL/dy, the kernel rotated 180 degrees, in/out
//   swapped);
// - nearest-neighbour upsampling by an integer factor f: dL/dx = f * f * avgPool(dL/dy, f).
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from './manifest';

/** [kh, kw, in, out] -> [kh, kw, out, in], rotated 180 degrees in space. Caller owns the result. */
export function flipKernel(w: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]));
}

/** Whether a conv layer's input gradient can be a forward convolution (see the file comment). */
export function hasConvInputGrad(layer: Extract<LayerSpec, { op: 'conv2d' }>, shape: readonly number[]): boolean {
  const [kh, kw] = shape;
  return layer.stride === 1 && layer.pad === 'same' && kh === kw && (kh ?? 0) % 2 === 1;
}

/**
 * The flipped kernels of every conv layer that qualifies, keyed by weight name; the caller owns them (a few MB for
 * the generator) and disposes them with its weights.
 */
export function flippedKernels(layers: readonly LayerSpec[], weights: tf.NamedTensorMap): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const layer of layers) {
    if (layer.op !== 'conv2d' || out[layer.weight]) continue;
    const w = weights[layer.weight];
    if (w && w.rank === 4 && hasConvInputGrad(layer, w.shape)) out[layer.weight] = flipKernel(w as tf.Tensor4D);
  }
  return out;
}

/**
 * x [B, H, W, in] -> conv2d(x, w, stride 1, 'same') + bias [B, H, W, out], with `flipped` = flipKernel(w).
 * Gradients reach x and bias; the kernel is a constant here (no gradient flows to it).
 */
export function conv2dSame(x: tf.Tensor4D, w: tf.Tensor4D, flipped: tf.Tensor4D, bias: tf.Tensor): tf.Tensor4D {
  const op = tf.customGrad((...args) => {
    const [input, b] = args as [tf.Tensor4D, tf.Tensor];
    return {
      value: tf.fused.conv2d({ x: input, filter: w, strides: 1, pad: 'same', bias: b }),
      gradFunc: (dy: tf.Tensor) => [
        tf.conv2d(dy as tf.Tensor4D, flipped, 1, 'same'),
        tf.reshape(tf.sum(dy, [0, 1, 2]), b.shape),
      ],
    };
  });
  return op(x, bias) as tf.Tensor4D;
}

/** x [B, H, W, C] -> [B, H*f, W*f, C], nearest neighbour, with an average-pooling gradient. */
export function upsampleNearest(x: tf.Tensor4D, factor: number): tf.Tensor4D {
  const [, h = 0, w = 0] = x.shape;
  const op = tf.customGrad((...args) => ({
    value: tf.image.resizeNearestNeighbor(args[0] as tf.Tensor4D, [h * factor, w * factor]),
    gradFunc: (dy: tf.Tensor) => tf.mul(tf.avgPool(dy as tf.Tensor4D, factor, factor, 'valid'), factor * factor),
  }));
  return op(x) as tf.Tensor4D;
}
