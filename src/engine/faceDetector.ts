// Face detection and 68-point landmarks with @vladmandic/face-api (MIT), whose weights ship in its npm package and are
// served from our own origin. It runs on the same tfjs instance as the face model. Input is raw pixels, never a
// canvas, so it works the same in the worker and in Node.
import * as tf from '@tensorflow/tfjs';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { Landmarks } from '../photo/align';
import type { WeightGroup } from './manifest';
import { loadWeights } from './weights';

export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  landmarks: Landmarks;
}

const NETS = {
  detector: 'tiny_face_detector_model',
  landmarks: 'face_landmark_68_model',
} as const;

async function loadWeightMap(base: string, name: string, doFetch: typeof fetch): Promise<tf.NamedTensorMap> {
  const res = await doFetch(`${base}${name}-weights_manifest.json`);
  if (!res.ok) throw new Error(`Could not fetch the face detector (${name}, HTTP ${res.status})`);
  return loadWeights(base, (await res.json()) as WeightGroup[], { fetch: doFetch });
}

/**
 * face-api knows pages and Node, not workers: without an environment it throws inside a promise chain and detection
 * never settles. We give it only tensors, so canvases are needed just to satisfy its checks; OffscreenCanvas does.
 */
function defineWorkerEnvironment(): void {
  if (faceapi.env.isBrowser() || faceapi.env.isNodejs() || typeof OffscreenCanvas === 'undefined') return;
  const unsupported = () => {
    throw new Error('face-api: only tensor input is used in the worker');
  };
  faceapi.env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: class {},
    ImageData,
    Video: class {},
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: unsupported,
    createVideoElement: unsupported,
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: unsupported,
  } as never);
}

/** Fetches the detector's files without decoding them, so the browser (and the offline cache) holds them early. */
export async function prefetchDetector(base: string, doFetch: typeof fetch = fetch): Promise<void> {
  await Promise.all(
    Object.values(NETS).flatMap((name) =>
      [`${base}${name}-weights_manifest.json`, `${base}${name}.bin`].map((u) =>
        doFetch(u).then((r) => r.arrayBuffer()),
      ),
    ),
  );
}

const mean = (pts: { x: number; y: number }[]): [number, number] => [
  pts.reduce((s, p) => s + p.x, 0) / pts.length,
  pts.reduce((s, p) => s + p.y, 0) / pts.length,
];

export class FaceDetector {
  // face-api keeps its networks in module-level singletons (faceapi.nets); this object owns their weights.
  private constructor() {}

  /** `base`: folder URL holding face-api's model files (ending in '/'). */
  static async load(base: string, doFetch: typeof fetch = fetch): Promise<FaceDetector> {
    defineWorkerEnvironment();
    if (!faceapi.nets.tinyFaceDetector.isLoaded) {
      // face-api's typings carry their own copy of tfjs's types; the tensors are ours at run time.
      faceapi.nets.tinyFaceDetector.loadFromWeightMap((await loadWeightMap(base, NETS.detector, doFetch)) as never);
    }
    if (!faceapi.nets.faceLandmark68Net.isLoaded) {
      faceapi.nets.faceLandmark68Net.loadFromWeightMap((await loadWeightMap(base, NETS.landmarks, doFetch)) as never);
    }
    return new FaceDetector();
  }

  /** RGB or RGBA bytes, row-major -> faces, largest first. */
  async detect(
    pixels: Uint8Array | Uint8ClampedArray,
    width: number,
    height: number,
    channels: 3 | 4,
  ): Promise<DetectedFace[]> {
    const input = tf.tidy(() => {
      const t = tf.tensor3d(Int32Array.from(pixels), [height, width, channels], 'int32');
      return channels === 4 ? tf.slice(t, [0, 0, 0], [height, width, 3]) : t;
    });
    try {
      const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.4 });
      const found = await faceapi.detectAllFaces(input as never, options).withFaceLandmarks();
      const faces: DetectedFace[] = found.map((f) => {
        const pts = f.landmarks.positions;
        const at = (i: number): [number, number] => [(pts[i] as faceapi.Point).x, (pts[i] as faceapi.Point).y];
        const box = f.detection.box;
        return {
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
          score: f.detection.score,
          landmarks: {
            leftEye: mean(pts.slice(36, 42)),
            rightEye: mean(pts.slice(42, 48)),
            nose: at(30),
            mouthLeft: at(48),
            mouthRight: at(54),
          },
        };
      });
      return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    } finally {
      input.dispose();
    }
  }

  dispose(): void {
    faceapi.nets.tinyFaceDetector.dispose();
    faceapi.nets.faceLandmark68Net.dispose();
  }
}
