import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Similarity } from '../../photo/align';
import { invertSimilarity, type Box } from '../../photo/pasteBack';
import type { PersonMatte } from '../../photo/personMatte';
import type { GanModel } from '../model/ganModel';
import { PhotoEdit } from './photoEdit';
import type { RegionReader } from './regionReader';
import { PhotoFit } from './photoFit';
import { toRgba } from '../render/renderer';
import { loadModelFromDisk, selectBackendInNode } from '../model/testing/loadModel';
import { testBitmap } from '../../testing/testBitmap';

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

describe('PhotoEdit', { timeout: 120_000 }, () => {
  let model: GanModel;
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
    // The face is the generator's, as the renderer draws it (read from the same readback as the edit).
    const drawn = tf.tidy(() => toRgba(PhotoFit.ofLatent(model, base()).generate(base()), model.manifest.pixelRange));
    expect(Array.from(plain.face.data)).toEqual(Array.from(await drawn.data()));
    drawn.dispose();
    expect(Array.from(plain.patch.data)).toEqual(Array.from(expected(edit.box, plain.patch.width, plain.patch.height)));

    const edited = await edit.frame(smiling());
    let changed = 0;
    for (let i = 0; i < edited.patch.data.length; i++) if (edited.patch.data[i] !== plain.patch.data[i]) changed++;
    expect(changed).toBeGreaterThan(500);
    expect(corners(edited.patch)).toEqual(corners(plain.patch));
    // A buffer given back (the page drew it) is written by a later frame, and holds that frame alone.
    edit.recycle(plain.patch.data.buffer);
    const again = await edit.frame(smiling());
    expect(again.patch.data.buffer).toBe(plain.patch.data.buffer);
    expect(Array.from(again.patch.data)).toEqual(Array.from(edited.patch.data));
    edit.recycle(new ArrayBuffer(8)); // another region's size: not used
    expect((await edit.frame(base())).patch.data.byteLength).toBe(plain.patch.data.byteLength);
    edit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the edit on the person: nothing changes where the matte says background', async () => {
    const photo = testBitmap(1000, 800);
    const box = PhotoEdit.regionOf(model, photo, T)!;
    // A matte over the whole region, person on its left half only.
    const size = 32;
    const values = Float32Array.from({ length: size * size }, (_, i) => (i % size < size / 2 ? 1 : 0));
    const side = Math.max(box.width, box.height);
    const matte: PersonMatte = { x: box.x, y: box.y, side, size, values };
    const edit = PhotoEdit.create(model, photo, T, read, matte)!;
    edit.setBase(PhotoFit.ofLatent(model, base()));
    const plain = await edit.frame(base());
    const edited = await edit.frame(smiling());
    const { width, height } = edited.patch;
    const changedAt = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < height; y++)
        for (let x = x0; x < x1; x++)
          for (let c = 0; c < 3; c++)
            if (edited.patch.data[(y * width + x) * 4 + c] !== plain.patch.data[(y * width + x) * 4 + c]) n++;
      return n;
    };
    // The matte is 0 from its sample 16's centre on (16.5 / 32 of its side from the box's left): in patch pixels.
    const half = Math.ceil((((side * 16.5) / size + 1) * width) / box.width);
    expect(changedAt(0, half - 4)).toBeGreaterThan(200);
    expect(changedAt(half, width)).toBe(0);
    edit.dispose();
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

  it('reads the unedited generation back once per fit: frames from it equal those of a fresh edit', async () => {
    const before = tf.memory().numTensors;
    const make = () => {
      const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
      edit.setBase(PhotoFit.ofLatent(model, base()));
      return edit;
    };
    const [warm, cold] = [make(), make()];
    await warm.frame(base()); // reads G(base) back
    const fits = tf.memory().numTensors;
    const cached = await warm.frame(smiling());
    expect(tf.memory().numTensors).toBe(fits); // nothing more held once it is cached
    expect(Array.from(cached.patch.data)).toEqual(Array.from((await cold.frame(smiling())).patch.data));
    // A new fit is a new reference: the cached generation of the old one is not used.
    warm.setBase(PhotoFit.ofLatent(model, smiling()));
    const moved = await warm.frame(smiling());
    expect(Array.from(moved.patch.data)).toEqual(Array.from(expected(warm.box, moved.patch.width, moved.patch.height)));
    warm.dispose();
    cold.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("measures edits from the image a fit came with (refinement's report), without generating it again", async () => {
    const before = tf.memory().numTensors;
    const codes = () =>
      tf.tidy(() => tf.tile(tf.tensor2d(base().latent, [1, base().latent.length]), [model.codeCount, 1]));
    const imageOf = (input: ReturnType<typeof base>) =>
      tf.tidy(() => PhotoFit.ofLatent(model, input).generate(input).dataSync() as Float32Array);
    const withImage = (image: Float32Array) => {
      const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
      edit.setBase(PhotoFit.own(model, { codes: codes() as tf.Tensor2D, offset: null }, base(), image));
      return edit;
    };
    // Its true image: the same frames as a fit that generates it.
    const [own, plain] = [withImage(imageOf(base())), PhotoEdit.create(model, testBitmap(1000, 800), T, read)!];
    plain.setBase(PhotoFit.ofLatent(model, base()));
    // (Counted, not compared with toEqual: a failing toEqual on arrays this long takes minutes to print.)
    const differ = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).filter((v, i) => v !== b[i]).length;
    expect(differ((await own.frame(smiling())).patch.data, (await plain.frame(smiling())).patch.data)).toBe(0);
    // Another image is used as given: the smiling face is then the one drawn as the photo is.
    const other = withImage(imageOf(smiling()));
    const shown = await other.frame(smiling());
    expect(differ(shown.patch.data, expected(other.box, shown.patch.width, shown.patch.height))).toBe(0);
    [own, plain, other].forEach((e) => e.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
  it("makes the values just ahead of a dragged slider between its frames, so that the drag's next frame is a blend", async () => {
    const before = tf.memory().numTensors;
    const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
    edit.setBase(PhotoFit.ofLatent(model, base()));
    const at = (v: number) => {
      const b = base();
      b.attributes[smile()] = v;
      return b;
    };
    await edit.frame(at(-1));
    expect(edit.fillAhead()).toBe(false); // one frame: no drag yet
    expect((await edit.frame(at(-0.98))).approximate).toBeFalsy(); // generated
    let made = 0;
    while (edit.fillAhead()) made++;
    expect(made).toBe(2); // -0.9 and -0.8
    const next = await edit.frame(at(-0.96));
    expect(next.approximate).toBe(true);
    edit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("draws a slider's value from the slider cache: exact at a made value, a close blend between two", async () => {
    const before = tf.memory().numTensors;
    const edit = PhotoEdit.create(model, testBitmap(1000, 800), T, read)!;
    edit.setBase(PhotoFit.ofLatent(model, base()));
    await edit.frame(base()); // the input on screen: the cache is made around it
    const held = tf.memory().numTensors;
    let made = 0;
    while (edit.fillCache()) made++;
    expect(made).toBe(k() * 41); // every 0.1 of each slider's [-2, 2]
    expect(tf.memory().numTensors).toBe(held); // numbers, not tensors
    const at = (v: number) => {
      const b = base();
      b.attributes[smile()] = v;
      return b;
    };
    // 0.5 is a made value: the frame is the generator's own, byte for byte.
    const made05 = await edit.frame(at(0.5));
    expect(made05.approximate).toBeFalsy();
    expect(Array.from(made05.patch.data)).toEqual(Array.from((await edit.frame(at(0.5), true)).patch.data));
    // 0.54 lies between 0.5 and 0.6: blended from them, marked, and close to the generator's frame.
    const blended = await edit.frame(at(0.54));
    const exact = await edit.frame(at(0.54), true);
    expect(blended.approximate).toBe(true);
    expect(exact.approximate).toBeFalsy();
    let sum = 0;
    let worst = 0;
    for (let i = 0; i < exact.patch.data.length; i++) {
      const d = Math.abs(exact.patch.data[i]! - blended.patch.data[i]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    expect(worst).toBeGreaterThan(0); // a blend, not the generator's frame
    expect(sum / exact.patch.data.length).toBeLessThan(0.5);
    // The fields blend too: a flow halfway between two is not quite the flow of the face halfway between, and where
    // the photo has an edge a fraction of a pixel's move shows (a preview, replaced by the exact frame at rest).
    expect(worst).toBeLessThan(48);
    // Another latent (a custom slider, interpolation) is never drawn from the slider cache.
    const other = at(0.54);
    other.latent[0] = other.latent[0]! + 0.5;
    expect((await edit.frame(other)).approximate).toBeFalsy();
    edit.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
