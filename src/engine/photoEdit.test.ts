import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, type Similarity } from '../photo/align';
import { faceRegion, invertSimilarity, patchToCrop, type Box } from '../photo/pasteBack';
import type { FaceModel } from './faceModel';
import { PhotoEdit, pasteBack, type RegionReader } from './photoEdit';
import { PhotoFit } from './photoFit';
import { readRgba } from './renderer';
import { loadModelFromDisk, selectBackendInNode } from './testing/loadModel';
import { testBitmap } from '../testing/testBitmap';

// The real model on WASM, the real paste-back; only the photo's pixels come from a reader that paints a pattern
// (decoding needs OffscreenCanvas, absent in Node).

/** A photo whose pixel (x, y) is a pattern of x and y: every region read is exactly reproducible. */
const read: RegionReader = (_bitmap, box, width, height) => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const x = Math.floor(box.x + (i * box.width) / width);
      const y = Math.floor(box.y + (j * box.height) / height);
      for (let c = 0; c < 3; c++) data[(j * width + i) * 4 + c] = (x * 3 + y * 5 + c * 70) % 256;
      data[(j * width + i) * 4 + 3] = 255;
    }
  }
  return { width, height, data };
};

const rot = 0.3;
/** photo -> crop (64 px): a face about 180 px wide at (300, 200), tilted. */
const T: Similarity = (() => {
  const back = { a: 3 * Math.cos(rot), b: 3 * Math.sin(rot), tx: 250, ty: 150 };
  return invertSimilarity(back);
})();

describe('pasteBack', () => {
  beforeAll(() => selectBackendInNode('wasm'));

  it('leaves the patch exactly as it was where the mask is 0, and adds the difference where it is 1', async () => {
    const before = tf.memory().numTensors;
    const r = 8;
    const out = tf.tidy(() => {
      const patch = tf.tensor3d(
        Array.from({ length: r * r * 3 }, (_, i) => (i * 37) % 256),
        [r, r, 3],
      );
      // Left half of the crop: mask 1; right half: mask 0. The difference is +40 (and -300 to test clipping).
      const layer = tf.buffer([1, r, r, 4]);
      for (let y = 0; y < r; y++) {
        for (let x = 0; x < r; x++) {
          for (let c = 0; c < 3; c++) layer.set(y === 0 ? -300 : 40, 0, y, x, c);
          layer.set(x < r / 2 ? 1 : 0, 0, y, x, 3);
        }
      }
      return pasteBack(patch, layer.toTensor() as tf.Tensor4D, [1, 0, 0, 0, 1, 0, 0, 0]);
    });
    const { data } = await readRgba(out);
    for (let y = 0; y < r; y++) {
      for (let x = 0; x < r; x++) {
        for (let c = 0; c < 3; c++) {
          const orig = (((y * r + x) * 3 + c) * 37) % 256;
          const want = x < r / 2 ? Math.min(255, Math.max(0, orig + (y === 0 ? -300 : 40))) : orig;
          expect(data[(y * r + x) * 4 + c]).toBe(want);
        }
        expect(data[(y * r + x) * 4 + 3]).toBe(255);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('puts a crop point back on the photo point it came from, within 0.5 px (round trip through the warp)', async () => {
    const box = faceRegion(T, 64, 1000, 800)!;
    for (const [pw, ph] of [
      [box.width, box.height],
      [Math.round(box.width / 2), Math.round(box.height / 2)],
    ]) {
      const q: [number, number] = [27.3, 35.8]; // a spot in the crop, continuous pixels
      const out = tf.tidy(() => {
        const layer = tf.buffer([1, 64, 64, 4]);
        for (let y = 0; y < 64; y++) {
          for (let x = 0; x < 64; x++) {
            const v = 200 * Math.exp(-((x + 0.5 - q[0]) ** 2 + (y + 0.5 - q[1]) ** 2) / 4);
            for (let c = 0; c < 3; c++) layer.set(v, 0, y, x, c);
            layer.set(1, 0, y, x, 3);
          }
        }
        return pasteBack(tf.zeros([ph!, pw!, 3]), layer.toTensor() as tf.Tensor4D, patchToCrop(T, box, pw!, ph!));
      });
      const { data, width, height } = await readRgba(out);
      let sx = 0;
      let sy = 0;
      let s = 0;
      for (let j = 0; j < height; j++) {
        for (let i = 0; i < width; i++) {
          const v = data[(j * width + i) * 4]!;
          sx += v * (box.x + ((i + 0.5) * box.width) / width);
          sy += v * (box.y + ((j + 0.5) * box.height) / height);
          s += v;
        }
      }
      const expected = apply(invertSimilarity(T), q);
      // Half a pixel of the patch, in photo pixels.
      const tolerance = 0.5 * Math.max(1, box.width / width);
      expect(Math.hypot(sx / s - expected[0], sy / s - expected[1])).toBeLessThan(tolerance);
    }
  });
});

describe('PhotoEdit', { timeout: 120_000 }, () => {
  let model: FaceModel;
  beforeAll(async () => {
    await selectBackendInNode('wasm');
    model = await loadModelFromDisk();
  });
  afterAll(() => model.dispose());

  const k = () => model.manifest.attributes.length;
  const smile = () => model.manifest.attributes.findIndex((a) => a.name === 'Smiling');
  const base = () => ({
    latent: Float32Array.from({ length: model.manifest.latent.size }, (_, i) => Math.sin(i)),
    attributes: new Float32Array(k()).fill(-1),
  });
  const smiling = () => {
    const b = base();
    b.attributes[smile()] = 1;
    return b;
  };
  /** Pixels of the patch that no edit may touch: 0 in the mask (the patch's corners lie outside the crop). */
  const corners = (f: { data: Uint8ClampedArray; width: number; height: number }) =>
    [0, f.width - 1, (f.height - 1) * f.width, f.height * f.width - 1].flatMap((p) =>
      Array.from(f.data.slice(p * 4, p * 4 + 4)),
    );
  const expected = (box: Box, width: number, height: number) => read(testBitmap(), box, width, height).data;

  it('shows the photo as it is for the unedited face, and edits only inside the mask', async () => {
    const before = tf.memory().numTensors;
    const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
    edit.setBase(PhotoFit.ofLatent(model, base()));
    const plain = await edit.frame(base());
    expect(plain.face.width).toBe(model.manifest.resolution);
    expect(Array.from(plain.patch.data)).toEqual(Array.from(expected(edit.box, plain.patch.width, plain.patch.height)));

    const edited = await edit.frame(smiling());
    let changed = 0;
    for (let i = 0; i < edited.patch.data.length; i++) if (edited.patch.data[i] !== plain.patch.data[i]) changed++;
    expect(changed).toBeGreaterThan(500);
    expect(corners(edited.patch)).toEqual(corners(plain.patch));
    edit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exports the face region of the photo at another size, untouched outside the mask', async () => {
    const before = tf.memory().numTensors;
    const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
    edit.setBase(PhotoFit.ofLatent(model, base()));
    const full = testBitmap(2500, 2000); // the same photo decoded 2.5x larger
    const { patch, box } = await edit.exportAt(smiling(), full, read);
    expect(box.width).toBeGreaterThanOrEqual(Math.floor(edit.box.width * 2.5) - 1);
    expect([patch.width, patch.height]).toEqual([box.width, box.height]);
    expect(corners(patch)).toEqual(corners({ ...patch, data: expected(box, box.width, box.height) }));
    // Moving the base (refinement) makes the base the new reference: no edit, no change.
    edit.setBase(PhotoFit.ofLatent(model, smiling()));
    const same = await edit.exportAt(smiling(), full, read);
    expect(Array.from(same.patch.data)).toEqual(Array.from(expected(box, box.width, box.height)));
    edit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
