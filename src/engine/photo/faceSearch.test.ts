// The looks beyond the first, on the real detector (face-api's weights from node_modules, WASM): the hard photos of
// issue 29 built from the public-domain portrait, each found once with its eyes where the portrait's own look puts
// them, and a photo with no face, where every look runs and finds nothing.
import * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../../photo/align';
import { DEFAULT_DETECT, FaceDetector, type DetectedFace } from './faceDetector';
import { FIRST_LOOK, FULL_SEARCH, searchFaces } from './faceSearch';
import type { RgbaImage } from './regionReader';
import { astronaut, readArea, rgbaPhoto } from './testing/rgbaPhoto';
import { fileFetch, repoRoot, selectBackendInNode } from '../model/testing/loadModel';

/** A portrait placed in a larger photo: where its points land. */
interface Placed {
  image: RgbaImage;
  at: (p: Point) => Point;
  /** The portrait's face width in the photo's pixels. */
  faceWidth: number;
}

let seed = 29;
/** Mid-grey with a little noise, like a plain wall (seeded, so every run builds the same photo). */
function wall(width: number, height: number, level = 128): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data.fill(level + (seed / 2 ** 32 - 0.5) * 24, i, i + 3);
    data[i + 3] = 255;
  }
  return data;
}

/** Each colour channel of `image` times `k` (alpha kept). */
const dimmed = (image: RgbaImage, k: number): RgbaImage => ({
  ...image,
  data: image.data.map((v, i) => (i % 4 === 3 ? v : v * k)),
});

describe('searchFaces', { timeout: 120_000 }, () => {
  let detector: FaceDetector;
  let portrait: RgbaImage;
  let reference: DetectedFace;

  /** `image` (the portrait, or a changed copy) scaled so its face is `faceWidth` px wide, at (x, y) in `photo`. */
  function place(photo: RgbaImage, image: RgbaImage, faceWidth: number, x: number, y: number): Placed {
    const k = faceWidth / reference.box.width;
    const side = Math.round(image.width * k);
    const small = readArea(image, { x: 0, y: 0, width: image.width, height: image.height }, side, side);
    for (let r = 0; r < side; r++) {
      photo.data.set(small.data.subarray(r * side * 4, (r + 1) * side * 4), ((y + r) * photo.width + x) * 4);
    }
    const s = side / image.width;
    return { image: photo, at: ([px, py]) => [x + px * s, y + py * s], faceWidth: reference.box.width * s };
  }

  /** The one face found, with its eyes within `tolerance` of the face width of where the portrait's are. */
  async function expectFace(placed: Placed, tolerance = 0.05): Promise<DetectedFace> {
    const before = tf.memory().numTensors;
    const faces = await searchFaces(detector, rgbaPhoto(placed.image), DEFAULT_DETECT, FULL_SEARCH);
    expect(tf.memory().numTensors).toBe(before);
    expect(faces).toHaveLength(1);
    const face = faces[0] as DetectedFace;
    for (const eye of ['leftEye', 'rightEye'] as const) {
      const [x, y] = placed.at(reference.landmarks[eye]);
      const off = Math.hypot(face.landmarks[eye][0] - x, face.landmarks[eye][1] - y);
      expect(off / placed.faceWidth, eye).toBeLessThan(tolerance);
    }
    return face;
  }

  beforeAll(async () => {
    await selectBackendInNode('wasm');
    detector = await FaceDetector.load(`${resolve(repoRoot, 'node_modules/@vladmandic/face-api/model')}/`, fileFetch);
    portrait = astronaut();
    [reference] = (await detector.detect(portrait.data, portrait.width, portrait.height, 4)) as [DetectedFace];
    // SSD loads on first use: its weights must not count as a leak in the tests below.
    await detector.detect(wall(64, 64), 64, 64, 4, { ...DEFAULT_DETECT, ssd: 'always' });
  });
  afterAll(() => detector.dispose());

  it('a face the first look finds comes back as that look found it', async () => {
    const faces = await searchFaces(detector, rgbaPhoto(portrait), DEFAULT_DETECT, FULL_SEARCH);
    expect(faces).toEqual([reference]);
  });

  it('(a) a face 60 px wide in a 4000 x 3000 photo: found in tiles, its landmarks from a sharp crop', async () => {
    const placed = place({ width: 4000, height: 3000, data: wall(4000, 3000) }, portrait, 60, 2345, 1234);
    expect(await searchFaces(detector, rgbaPhoto(placed.image), DEFAULT_DETECT, FIRST_LOOK)).toEqual([]);
    const face = await expectFace(placed);
    expect(face.box.width).toBeGreaterThan(40);
    expect(face.box.width).toBeLessThan(90);
  });

  it('(b) a face in a 6000 x 500 panorama', async () => {
    const placed = place({ width: 6000, height: 500, data: wall(6000, 500) }, portrait, 80, 4321, 60);
    expect(await searchFaces(detector, rgbaPhoto(placed.image), DEFAULT_DETECT, FIRST_LOOK)).toEqual([]);
    await expectFace(placed);
  });

  it('(c) the portrait at 1/6 of its brightness', async () => {
    await expectFace({ image: dimmed(portrait, 1 / 6), at: (p) => p, faceWidth: reference.box.width });
  });

  it('(c) the portrait at 1/12 of its brightness: missed by the first look, found by the exposure look', async () => {
    const dark = dimmed(portrait, 1 / 12);
    expect(await searchFaces(detector, rgbaPhoto(dark), DEFAULT_DETECT, FIRST_LOOK)).toEqual([]);
    await expectFace({ image: dark, at: (p) => p, faceWidth: reference.box.width });
  });

  it('(c) a backlit face: the portrait at 1/16 against a bright sky', async () => {
    const sky = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4).fill(250) };
    const placed = place(sky, dimmed(portrait, 1 / 16), reference.box.width, 256, 400);
    expect(await searchFaces(detector, rgbaPhoto(placed.image), DEFAULT_DETECT, FIRST_LOOK)).toEqual([]);
    await expectFace(placed);
  });

  it('finds no face in a plain wall, after every look, and keeps no tensors', async () => {
    const before = tf.memory().numTensors;
    const photo = rgbaPhoto({ width: 2000, height: 1500, data: wall(2000, 1500) });
    expect(await searchFaces(detector, photo, DEFAULT_DETECT, FULL_SEARCH)).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
