// Who is in a face crop: face-api's face-recognition network (a dlib-style ResNet, 128-d descriptors), served from our
// origin like the detector. Used to measure whether an inversion or an edit keeps the person (bench/); two crops of one
// person are close in Euclidean distance. Input is raw pixels of a square crop in the model's framing.
import * as tf from '@tensorflow/tfjs';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { defineWorkerEnvironment, loadWeightMap } from './faceDetector';

const NET = 'face_recognition_model';

export class FaceIdentity {
  // face-api keeps its networks in module-level singletons (faceapi.nets); this object owns the recognition weights.
  private constructor() {}

  /** `base`: folder URL holding face-api's model files (ending in '/'). */
  static async load(base: string, doFetch: typeof fetch = fetch): Promise<FaceIdentity> {
    defineWorkerEnvironment();
    if (!faceapi.nets.faceRecognitionNet.isLoaded) {
      faceapi.nets.faceRecognitionNet.loadFromWeightMap((await loadWeightMap(base, NET, doFetch)) as never);
    }
    return new FaceIdentity();
  }

  /** RGBA bytes of a face crop, row-major -> its 128-d descriptor (the net resizes the crop to 150 px itself). */
  async describe(rgba: Uint8ClampedArray, width: number, height: number): Promise<Float32Array> {
    const input = tf.tidy(() =>
      tf.slice(tf.tensor3d(Int32Array.from(rgba), [height, width, 4], 'int32'), [0, 0, 0], [height, width, 3]),
    );
    try {
      return (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input as never)) as Float32Array;
    } finally {
      input.dispose();
    }
  }

  dispose(): void {
    faceapi.nets.faceRecognitionNet.dispose();
  }
}

/** Euclidean distance between two descriptors: below a calibrated threshold, the same person. */
export function identityDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}
