// A photo's fitted generator input (inversion.ts makes it): per-layer codes and a feature offset, so the generator
// reconstructs that photo more faithfully than from one latent. Edits keep working on top: the attributes are set in
// every code, and a latent moved away from the fit's mean code moves every code by the same amount.
import * as tf from '@tensorflow/tfjs';
import type { GanModel, GeneratorFit } from '../model/ganModel';
import type { FrameInput } from '../protocol';

/** Owns its tensors until dispose(); the open photo's session (PhotoEdit) holds the current one. */
export class PhotoFit implements GeneratorFit {
  private disposed = false;

  private constructor(
    private readonly model: GanModel,
    readonly codes: tf.Tensor2D, // [model.codeCount, latentSize]
    readonly offset: { after: number; add: tf.Tensor4D } | null,
    /** The fit's own input: the mean code, and the attributes it was fitted at. */
    readonly input: FrameInput,
    /** generate(input), read back ([H * W * 3] in pixelRange), when whoever made the fit had it already; else null. */
    readonly image: Float32Array | null = null,
  ) {}

  /** The fit of one latent (the encoder's): every code is `input.latent`, no offset. */
  static ofLatent(model: GanModel, input: FrameInput): PhotoFit {
    const codes = tf.tidy(() => tf.tile(tf.tensor2d(input.latent, [1, input.latent.length]), [model.codeCount, 1]));
    return new PhotoFit(model, codes as tf.Tensor2D, null, copy(input));
  }

  /** Takes ownership of `codes` and `offset`; `input` is copied; `image`: generate(input) read back, if known. */
  static own(model: GanModel, fit: GeneratorFit, input: FrameInput, image: Float32Array | null = null): PhotoFit {
    return new PhotoFit(model, fit.codes, fit.offset, copy(input), image);
  }

  /**
   * [1, H, W, 3] in pixelRange for `input`: its attributes in every code, every code moved by input.latent minus the
   * mean code (so the fit's own input reconstructs the photo, and interpolation moves from there). Call inside tidy.
   */
  generate(input: FrameInput): tf.Tensor4D {
    if (this.disposed) throw new Error('PhotoFit was disposed');
    const n = input.latent.length;
    const shift = new Float32Array(n);
    for (let i = 0; i < n; i++) shift[i] = (input.latent[i] ?? 0) - (this.input.latent[i] ?? 0);
    const codes = tf.add(this.codes, tf.tensor2d(shift, [1, n])) as tf.Tensor2D;
    const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
    return this.model.generateFit({ codes, offset: this.offset }, y);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.codes.dispose();
    this.offset?.add.dispose();
  }
}

function copy(input: FrameInput): FrameInput {
  return { latent: input.latent.slice(), attributes: input.attributes.slice() };
}
