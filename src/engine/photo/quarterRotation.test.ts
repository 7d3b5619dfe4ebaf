import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rotateImage } from './faceDetector';
import { rotatePoint, unrotateFace, unrotatePoint, type QuarterRotation } from './quarterRotation';

beforeAll(() => tf.setBackend('cpu'));

const W = 5;
const H = 3;

describe.each([1, 3] as QuarterRotation[])('a quarter rotation k=%i', (k) => {
  it('moves a pixel of the image where rotatePoint moves its centre', async () => {
    const marked = tf.buffer([H, W, 1], 'int32');
    marked.set(9, 1, 2, 0); // row 1, column 2
    const rotated = rotateImage(marked.toTensor() as tf.Tensor3D, k);
    expect(rotated.shape).toEqual([W, H, 1]);
    const values = await rotated.data();
    const at = values.indexOf(9);
    const [x, y] = rotatePoint([2.5, 1.5], k, W, H);
    expect([at % H, Math.floor(at / H)]).toEqual([Math.floor(x), Math.floor(y)]);
    rotated.dispose();
  });

  it('unrotatePoint undoes rotatePoint', () => {
    for (const p of [
      [0, 0],
      [5, 3],
      [1.25, 2.5],
    ] as [number, number][]) {
      expect(unrotatePoint(rotatePoint(p, k, W, H), k, W, H)).toEqual(p);
    }
  });

  it('brings a face found in the rotated photo back: landmarks exactly, the box as their bounds', () => {
    const rotatedFace = {
      box: { x: 0.5, y: 1, width: 2, height: 3 },
      score: 0.9,
      landmarks: {
        leftEye: [1, 1.5],
        rightEye: [2, 1.5],
        nose: [1.5, 2.5],
        mouthLeft: [1, 3],
        mouthRight: [2, 3],
      } as Record<string, [number, number]>,
    };
    const face = unrotateFace(rotatedFace as never, k, W, H) as typeof rotatedFace;
    expect(face.landmarks.nose).toEqual(unrotatePoint([1.5, 2.5], k, W, H));
    expect([face.box.width, face.box.height]).toEqual([3, 2]);
    const corner = unrotatePoint([0.5, 1], k, W, H);
    expect([face.box.x, face.box.x + face.box.width]).toContain(corner[0]);
    expect([face.box.y, face.box.y + face.box.height]).toContain(corner[1]);
  });
});
