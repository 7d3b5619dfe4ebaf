// An open garment picture's frames: the model's own output from the picture's fit (inversion.ts), edited. Unlike a face
// photo there is nothing to paste back into (the picture was reframed, negated and shrunk to the model's 32 px grey),
// so a frame is the generated garment alone, with the discriminator's verdict on that very image.
import * as tf from '@tensorflow/tfjs';
import type { GanModel } from '../model/ganModel';
import type { PhotoFit } from './photoFit';
import type { FrameInput } from '../protocol';
import { readRgba, toRgba, type RgbaFrame } from '../render/renderer';

/** Owns the picture's current fit (dispose() frees it); frames come from the plain generator until the first fit. */
export class GarmentEdit {
  private fit: PhotoFit | null = null;

  constructor(private readonly model: GanModel) {}

  /** The picture's fit (owned from now on). */
  setBase(fit: PhotoFit): void {
    this.fit?.dispose();
    this.fit = fit;
  }

  /** The garment for `input` and, when the model has a discriminator, its verdict on it (above 0 leans real). */
  async frame(input: FrameInput): Promise<{ face: RgbaFrame; verdict?: number }> {
    const { model, fit } = this;
    const judged = model.manifest.networks.discriminator !== undefined;
    const [rgba, score] = tf.tidy(() => {
      const y = tf.tensor2d(input.attributes, [1, input.attributes.length]);
      const g = fit ? fit.generate(input) : model.generate(tf.tensor2d(input.latent, [1, input.latent.length]), y);
      const frame = toRgba(g, model.manifest.pixelRange);
      return judged ? [frame, model.discriminate(g, y).verdict] : [frame];
    }) as [tf.Tensor3D, tf.Tensor1D?];
    try {
      const [face, verdict] = await Promise.all([readRgba(rgba), score?.data()]);
      return { face, ...(verdict ? { verdict: verdict[0] as number } : {}) };
    } finally {
      score?.dispose();
    }
  }

  dispose(): void {
    this.fit?.dispose();
    this.fit = null;
  }
}
