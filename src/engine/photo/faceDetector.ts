// Face detection and 68-point landmarks with @vladmandic/face-api (MIT), whose weights ship in its npm package and are
// served from our own origin. It runs on the same tfjs instance as the face model. Input is raw pixels, never a
// canvas, so it works the same in the worker and in Node.
import * as tf from '@tensorflow/tfjs';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { Landmarks } from '../../photo/align';
import { onDetectorBackend } from '../model/backend';
import type { WeightGroup } from '../model/manifest';
import { unrotateFace, type QuarterRotation } from './quarterRotation';
import { loadWeights } from '../model/weights';

export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  landmarks: Landmarks;
}

const NETS = {
  tiny: 'tiny_face_detector_model',
  ssd: 'ssd_mobilenetv1_model',
  landmarks: 'face_landmark_68_model',
} as const;

/** How to look for faces; DEFAULT_DETECT is what the app uses. */
export interface DetectOptions {
  /** Input sizes (multiples of 32) for the tiny detector, all run: a small one finds faces that fill the frame. */
  tinySizes: readonly number[];
  tinyMinScore: number;
  /** SSD MobileNet v1 (slower, stronger): 'fallback' runs it only when the tiny detector finds nothing. */
  ssd: 'never' | 'fallback' | 'always';
  ssdMinScore: number;
  /** Faces beside the best-scoring one need this score: extra sizes add weak false boxes (ears, hands, patterns). */
  extraFaceMinScore: number;
  /** Tried one after another while nothing is found: the photo rotated a quarter (a face lying on its side). */
  quarterRotations: readonly QuarterRotation[];
}

export const DEFAULT_DETECT: DetectOptions = {
  tinySizes: [416, 224],
  tinyMinScore: 0.4,
  ssd: 'fallback',
  ssdMinScore: 0.3,
  extraFaceMinScore: 0.55,
  quarterRotations: [1, 3],
};
/** The single-size detector used before several sizes and the SSD fallback (kept for the benchmark's comparison). */
export const SINGLE_SIZE_DETECT: DetectOptions = {
  tinySizes: [416],
  tinyMinScore: 0.4,
  ssd: 'never',
  ssdMinScore: 0.5,
  extraFaceMinScore: 0,
  quarterRotations: [],
};
/** Two boxes are one face when this share of the smaller one lies inside the other. */
const SAME_FACE_OVERLAP = 0.5;

/** One of face-api's networks, by its manifest name, from `base`; the caller owns the tensors. */
export async function loadWeightMap(base: string, name: string, doFetch: typeof fetch): Promise<tf.NamedTensorMap> {
  const res = await doFetch(`${base}${name}-weights_manifest.json`);
  if (!res.ok) throw new Error(`Could not fetch the face detector (${name}, HTTP ${res.status})`);
  return loadWeights(base, (await res.json()) as WeightGroup[], { fetch: doFetch });
}

/**
 * face-api knows pages and Node, not workers: without an environment it throws inside a promise chain and detection
 * never settles. We give it only tensors, so canvases are needed just to satisfy its checks; OffscreenCanvas does.
 */
export function defineWorkerEnvironment(): void {
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

/** Fetches the detectors' files without decoding them, so the browser (and the offline cache) holds them early. */
export async function prefetchDetector(base: string, doFetch: typeof fetch = fetch): Promise<void> {
  await Promise.all(
    Object.values(NETS).map(async (name) => {
      const res = await doFetch(`${base}${name}-weights_manifest.json`);
      const groups = (await res.json()) as WeightGroup[];
      await Promise.all(groups.flatMap((g) => g.paths).map((p) => doFetch(`${base}${p}`).then((r) => r.arrayBuffer())));
    }),
  );
}

const mean = (pts: { x: number; y: number }[]): [number, number] => [
  pts.reduce((s, p) => s + p.x, 0) / pts.length,
  pts.reduce((s, p) => s + p.y, 0) / pts.length,
];

/** face-api's 68 points -> the five landmarks alignment uses, in the same pixels. */
function fiveLandmarks(pts: faceapi.Point[]): Landmarks {
  const at = (i: number): [number, number] => [(pts[i] as faceapi.Point).x, (pts[i] as faceapi.Point).y];
  return {
    leftEye: mean(pts.slice(36, 42)),
    rightEye: mean(pts.slice(42, 48)),
    nose: at(30),
    mouthLeft: at(48),
    mouthRight: at(54),
  };
}

/** Which of `boxes` to keep, one per face: the best-scoring of those that overlap. */
function onePerFace(boxes: faceapi.Box[], scores: number[]): number[] {
  // Intersection over the smaller box: a face found whole at one size (or tile) and cropped at another is one face.
  return faceapi.nonMaxSuppression(boxes, scores, SAME_FACE_OVERLAP, false);
}

/** One box per face: the best-scoring of those that overlap (boxes from several sizes and detectors). */
export function mergeDetections(found: faceapi.FaceDetection[]): faceapi.FaceDetection[] {
  const keep = onePerFace(
    found.map((d) => d.box),
    found.map((d) => d.score),
  );
  return keep.map((i) => found[i] as faceapi.FaceDetection);
}

/** mergeDetections for faces already found, all in one image's pixels (faces from overlapping tiles). */
export function mergeFaces<F extends DetectedFace>(found: F[]): F[] {
  const keep = onePerFace(
    found.map((f) => new faceapi.Box(f.box)),
    found.map((f) => f.score),
  );
  return keep.map((i) => found[i] as F);
}

/** The best-scoring face, and beside it only those scoring `extraFaceMinScore`: extra looks add weak false boxes. */
export function keepLikelyFaces<F extends { score: number }>(found: F[], o: DetectOptions): F[] {
  const best = Math.max(...found.map((d) => d.score));
  return found.filter((d) => d.score === best || d.score >= o.extraFaceMinScore);
}

/** An image [h, w, c] rotated by `k` quarters clockwise (quarterRotation.ts maps points between the two). */
export function rotateImage(image: tf.Tensor3D, k: QuarterRotation): tf.Tensor3D {
  return tf.tidy(() => tf.reverse(tf.transpose(image, [1, 0, 2]), k === 1 ? 1 : 0));
}

export class FaceDetector {
  // face-api keeps its networks in module-level singletons (faceapi.nets); this object owns their weights.
  private constructor(
    private readonly base: string,
    private readonly doFetch: typeof fetch,
  ) {}

  /** `base`: folder URL holding face-api's model files (ending in '/'). The SSD detector loads when first needed. */
  static async load(base: string, doFetch: typeof fetch = fetch): Promise<FaceDetector> {
    defineWorkerEnvironment();
    await onDetectorBackend(async () => {
      if (!faceapi.nets.tinyFaceDetector.isLoaded) {
        // face-api's typings carry their own copy of tfjs's types; the tensors are ours at run time.
        faceapi.nets.tinyFaceDetector.loadFromWeightMap((await loadWeightMap(base, NETS.tiny, doFetch)) as never);
      }
      if (!faceapi.nets.faceLandmark68Net.isLoaded) {
        const weights = await loadWeightMap(base, NETS.landmarks, doFetch);
        faceapi.nets.faceLandmark68Net.loadFromWeightMap(weights as never);
      }
    });
    return new FaceDetector(base, doFetch);
  }

  private async ssd(input: tf.Tensor3D, minConfidence: number): Promise<faceapi.FaceDetection[]> {
    if (!faceapi.nets.ssdMobilenetv1.isLoaded) {
      const weights = await loadWeightMap(this.base, NETS.ssd, this.doFetch);
      faceapi.nets.ssdMobilenetv1.loadFromWeightMap(weights as never);
    }
    return faceapi.nets.ssdMobilenetv1.locateFaces(
      input as never,
      new faceapi.SsdMobilenetv1Options({ minConfidence }),
    );
  }

  private async findBoxes(input: tf.Tensor3D, o: DetectOptions): Promise<faceapi.FaceDetection[]> {
    const found: faceapi.FaceDetection[] = [];
    if (o.ssd !== 'always') {
      for (const inputSize of o.tinySizes) {
        const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: o.tinyMinScore });
        found.push(...(await faceapi.nets.tinyFaceDetector.locateFaces(input as never, options)));
      }
    }
    if (o.ssd === 'always' || (o.ssd === 'fallback' && found.length === 0)) {
      found.push(...(await this.ssd(input, o.ssdMinScore)));
    }
    // Boxes wholly outside the photo have nothing to crop for landmarks.
    const [h, w] = input.shape;
    const merged = mergeDetections(found).filter((d) => d.box.clipAtImageBorders(w, h).area > 0);
    return keepLikelyFaces(merged, o);
  }

  /** RGB or RGBA bytes, row-major -> faces, largest first. */
  async detect(
    pixels: Uint8Array | Uint8ClampedArray,
    width: number,
    height: number,
    channels: 3 | 4,
    options: DetectOptions = DEFAULT_DETECT,
  ): Promise<DetectedFace[]> {
    return onDetectorBackend(() => this.detectHere(pixels, [height, width, channels], options));
  }

  private async detectHere(pixels: ArrayLike<number>, shape: [number, number, 3 | 4], options: DetectOptions) {
    const [height, width, channels] = shape;
    const input = tf.tidy(() => {
      const t = tf.tensor3d(Int32Array.from(pixels), [height, width, channels], 'int32');
      return channels === 4 ? tf.slice(t, [0, 0, 0], [height, width, 3]) : t;
    });
    try {
      let faces = await this.facesIn(input, options);
      for (const k of options.quarterRotations) {
        if (faces.length > 0) break;
        const rotated = rotateImage(input, k);
        try {
          faces = (await this.facesIn(rotated, options)).map((f) => unrotateFace(f, k, width, height));
        } finally {
          rotated.dispose();
        }
      }
      return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    } finally {
      input.dispose();
    }
  }

  /** Faces in `input`, in its pixels: boxes from the detectors, then 68 landmarks in each box. */
  private async facesIn(input: tf.Tensor3D, options: DetectOptions): Promise<DetectedFace[]> {
    const boxes = await this.findBoxes(input, options);
    const crops = await faceapi.extractFaceTensors(input as never, boxes);
    const faces: DetectedFace[] = [];
    try {
      for (const [i, crop] of crops.entries()) {
        const found = (await faceapi.nets.faceLandmark68Net.detectLandmarks(crop)) as faceapi.FaceLandmarks68;
        const det = boxes[i] as faceapi.FaceDetection;
        // extendWithFaceLandmarks shifts the crop's landmarks into the input's pixels.
        const { landmarks } = faceapi.extendWithFaceLandmarks(faceapi.extendWithFaceDetection({}, det), found);
        const { x, y, width: w, height: h } = det.box;
        faces.push({
          box: { x, y, width: w, height: h },
          score: det.score,
          landmarks: fiveLandmarks(landmarks.positions),
        });
      }
    } finally {
      crops.forEach((c) => (c as unknown as tf.Tensor).dispose());
    }
    return faces;
  }

  /**
   * The five landmarks of the face filling `crop` (RGBA bytes of a square around where the face was), in the crop's
   * pixels, from the landmark network alone, with no detector pass: how the live camera follows a face found in an
   * earlier frame (liveMirror.ts). Whether a face is still there is the caller's judgement (the network always answers).
   */
  async landmarksIn(crop: { data: Uint8ClampedArray; width: number; height: number }): Promise<Landmarks> {
    return onDetectorBackend(async () => {
      const input = tf.tidy(() =>
        tf.slice(
          tf.tensor3d(Int32Array.from(crop.data), [crop.height, crop.width, 4], 'int32'),
          [0, 0, 0],
          [-1, -1, 3],
        ),
      );
      try {
        const found = (await faceapi.nets.faceLandmark68Net.detectLandmarks(input as never)) as faceapi.FaceLandmarks68;
        return fiveLandmarks(found.positions);
      } finally {
        input.dispose();
      }
    });
  }

  dispose(): void {
    faceapi.nets.tinyFaceDetector.dispose();
    faceapi.nets.faceLandmark68Net.dispose();
    if (faceapi.nets.ssdMobilenetv1.isLoaded) faceapi.nets.ssdMobilenetv1.dispose();
  }
}
