// The discriminator's verdict (how real the GAN's second player finds an image) on a generated frame or given pictures.
import * as tf from '@tensorflow/tfjs';
import type { GanModel } from '../model/ganModel';
import { EngineError, type FrameInput, type JudgeInput, type Judged, type PictureVerdict } from '../protocol';
import type { TestImages } from './testImages';

/**
 * D's score for the image `generator` makes from `input`, as the class its attributes ask for (above 0 leans real);
 * an empty object when `judge` has no discriminator. Holds no tensors afterwards.
 */
export async function judgeFrame(
  judge: GanModel,
  generator: GanModel,
  input: FrameInput,
): Promise<{ verdict?: number }> {
  if (!judge.manifest.networks.discriminator) return {};
  const score = tf.tidy(() => {
    const z = tf.tensor2d(input.latent, [1, input.latent.length]);
    const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
    return judge.discriminate(generator.generate(z, y), y).verdict;
  });
  try {
    const [value = 0] = await score.data();
    return { verdict: value };
  } finally {
    score.dispose();
  }
}

/**
 * D's verdicts on grey pictures (bytes [resolution * resolution], 0 = black), each as class `classes[i]` or, where that
 * is null, as D's own class guess (or by its score alone when D makes none). Holds no tensors afterwards.
 */
export async function judgePictures(
  judge: GanModel,
  pictures: readonly Uint8Array[],
  classes: readonly (number | null)[] = [],
): Promise<PictureVerdict[]> {
  const { manifest } = judge;
  const d = manifest.networks.discriminator;
  if (!d) throw new EngineError('render-failed', `Model ${manifest.id} has no discriminator.`);
  if (pictures.length === 0) return [];
  const r = manifest.resolution;
  const k = manifest.attributes.length;
  const [lo, hi] = manifest.pixelRange;
  const flat = new Float32Array(pictures.length * r * r);
  pictures.forEach((p, i) => {
    if (p.length !== r * r)
      throw new EngineError(
        'render-failed',
        `Picture ${i} has ${p.length} pixels; the discriminator takes ${r} x ${r}.`,
      );
    for (let j = 0; j < p.length; j++) flat[i * r * r + j] = lo + (p[j]! / 255) * (hi - lo);
  });
  const given = pictures.map((_, i) => classes[i] ?? -1);
  if (given.some((c) => c >= k || !Number.isInteger(c)))
    throw new EngineError('render-failed', `A class to judge as is not one of the model's ${k}.`);
  const [verdicts, guesses] = tf.tidy(() => {
    const grey = tf.tensor4d(flat, [pictures.length, r, r, 1]);
    const image = manifest.channels === 1 ? grey : tf.tile(grey, [1, 1, 1, 3]);
    const noClass = tf.zeros([pictures.length, k]) as tf.Tensor2D;
    const logits = d.outputs.classLogits;
    const guess = logits
      ? tf.argMax(judge.discriminate(image, noClass).outputs.slice([0, logits[0]], [-1, logits[1] - logits[0]]), 1)
      : tf.fill([pictures.length], -1, 'int32');
    const asked = tf.tensor1d(given, 'int32');
    const chosen = tf.where(tf.greaterEqual(asked, 0), asked, guess);
    const y = tf.cast(tf.oneHot(chosen, k), 'float32') as tf.Tensor2D;
    return [judge.discriminate(image, y).verdict, guess];
  });
  try {
    const [v, g] = await Promise.all([verdicts.data(), guesses.data()]);
    return given.map((c, i) => {
      const guess = g[i]! >= 0 ? g[i]! : null;
      return { verdict: v[i]!, asClass: c >= 0 ? c : guess, guess };
    });
  } finally {
    tf.dispose([verdicts, guesses]);
  }
}

/** A 'judge' request: the given pictures, then the model's test images (as their labels unless `classes` says). */
export async function judgeRequest(
  loaded: { model: GanModel; tests: TestImages } | null,
  input: JudgeInput,
): Promise<Judged> {
  if (!loaded) throw new EngineError('not-loaded', 'The model is not loaded yet.');
  const { model: judge, tests } = loaded;
  const given = input.pictures ?? [];
  const indices = input.testImages ?? [];
  const pictures = [...given, ...(await Promise.all(indices.map((i) => tests.framed(i))))];
  const classes = pictures.map(
    (_, i) => input.classes?.[i] ?? (i < given.length ? null : tests.label(indices[i - given.length]!)),
  );
  return { verdicts: await judgePictures(judge, pictures, classes), pictures };
}
