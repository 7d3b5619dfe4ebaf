import type { Attribute } from './attributes';
import { defaultAttributes } from './attributes';
import { sampleAttributePrior, type AttributePriorRow } from './prior';
import { randomLatent, type LatentDistribution } from './random';

/** What sampling a face needs from a model: its latent distribution, attributes and (optional) attribute prior. */
export interface GalleryModel {
  latent: LatentDistribution;
  attributes: readonly Attribute[];
  attributePrior?: readonly AttributePriorRow[];
}

/** A sampled face: exactly the face "New random face" gives for `seed`, so picking it reproduces these pixels. */
export interface GalleryFace {
  seed: number;
  latent: Float32Array;
  attributes: Float32Array;
}

/**
 * What the map and "faces like this one" measure: the joint vector [z; w·y]. The generator reads both, so both belong
 * in it; but z is isotropic (variance 1 in every direction), so on z alone PCA has no preferred direction and its "top
 * two" directions are the noise of the sample (about (1 + √(dim/n))² ≈ 1.8 for 1,000 faces of 134 numbers). The
 * attribute rows, drawn from the training labels' prior, are correlated (men are rarely blonde, ...), and weighting
 * them by w = 2 puts their strongest combinations (variance 4-5) clearly above that noise ceiling: the map's axes are
 * then readable combinations of attributes. z still spreads the faces within each attribute cluster, through the
 * small z part the sample gives each axis (chance directions: in the population z is isotropic and adds none). At
 * w = 1 the axes are noise; from w ≈ 4 each cluster collapses onto a dot (measured on the shipped prior, gallery.test).
 */
export const ATTRIBUTE_WEIGHT = 2;

export function latentFeatures(latent: ArrayLike<number>, attributes: ArrayLike<number>): Float32Array {
  const out = new Float32Array(latent.length + attributes.length);
  for (let i = 0; i < latent.length; i++) out[i] = latent[i]!;
  for (let i = 0; i < attributes.length; i++) out[latent.length + i] = ATTRIBUTE_WEIGHT * attributes[i]!;
  return out;
}

/** `count` faces from seeds firstSeed, firstSeed + 1, ...: the same seeds always give the same gallery. */
export function sampleGallery(model: GalleryModel, count: number, firstSeed: number): GalleryFace[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = (firstSeed + i) >>> 0;
    return {
      seed,
      latent: randomLatent(seed, model.latent),
      attributes:
        (model.attributePrior && sampleAttributePrior(seed, model.attributePrior)) ??
        defaultAttributes(model.attributes),
    };
  });
}

/**
 * A short name for a principal direction from its attribute part: the attributes it leans on most, with the sign of
 * the lean ("+Male −Smile"); "latent" when its attribute part is negligible.
 */
export function directionLabel(direction: Float32Array, attributes: readonly Attribute[], most = 2): string {
  const offset = direction.length - attributes.length;
  const loads = attributes.map((a, i) => ({ label: a.label, w: direction[offset + i]! }));
  const strong = loads
    .filter((l) => Math.abs(l.w) >= 0.25)
    .sort((a, b) => Math.abs(b.w) - Math.abs(a.w))
    .slice(0, most);
  if (strong.length === 0) return 'latent';
  return strong.map((l) => `${l.w > 0 ? '+' : '−'}${l.label}`).join(' ');
}
