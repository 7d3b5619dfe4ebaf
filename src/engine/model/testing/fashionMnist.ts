// Node-only: real Fashion-MNIST test images from Debian's dataset-fashion-mnist (never committed), for tests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const FASHION_MNIST_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

/** Test image `index` (28 x 28 bytes, light garment on black) and its class. */
export function fashionTestImage(index: number): { image: Uint8Array; label: number } {
  const images = gunzipSync(readFileSync(`${FASHION_MNIST_DIR}/t10k-images-idx3-ubyte.gz`));
  const labels = gunzipSync(readFileSync(`${FASHION_MNIST_DIR}/t10k-labels-idx1-ubyte.gz`));
  return { image: images.subarray(16 + index * 784, 16 + (index + 1) * 784), label: labels[8 + index] as number };
}
