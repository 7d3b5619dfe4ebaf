import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Attribute } from './attributes';
import { ATTRIBUTE_WEIGHT, directionLabel, latentFeatures, sampleGallery, type GalleryModel } from './gallery';
import { fitPca } from './pca';
import { sampleAttributePrior } from './prior';
import { randomLatent } from './random';

const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/models/celeba64/manifest.json'), 'utf8'),
) as {
  latent: GalleryModel['latent'];
  attributes: Attribute[];
  attributePrior: { rows: GalleryModel['attributePrior'] };
};
const model: GalleryModel = {
  latent: manifest.latent,
  attributes: manifest.attributes,
  attributePrior: manifest.attributePrior.rows,
};

/** The norm of a direction's attribute part (its last `attributes.length` components). */
function attributeShare(d: Float32Array): number {
  return Math.hypot(...d.slice(d.length - manifest.attributes.length));
}

describe('sampleGallery', () => {
  it('gives the faces "New random face" gives for the same seeds', () => {
    const gallery = sampleGallery(model, 5, 40);
    expect(gallery.map((f) => f.seed)).toEqual([40, 41, 42, 43, 44]);
    for (const f of gallery) {
      expect([...f.latent]).toEqual([...randomLatent(f.seed, model.latent)]);
      expect([...f.attributes]).toEqual([...sampleAttributePrior(f.seed, model.attributePrior!)!]);
    }
  });

  it('falls back to the default attributes when the model has no prior', () => {
    const [f] = sampleGallery({ ...model, attributePrior: undefined }, 1, 0);
    expect([...f!.attributes]).toEqual(manifest.attributes.map((a) => a.default));
  });
});

describe('latentFeatures', () => {
  it('is [z; w·y]', () => {
    const v = latentFeatures([1, 2], [0.5, -1]);
    expect([...v]).toEqual([1, 2, 0.5 * ATTRIBUTE_WEIGHT, -ATTRIBUTE_WEIGHT]);
  });
});

describe('the map of the shipped model', () => {
  const gallery = sampleGallery(model, 1000, 0);
  const features = gallery.map((f) => latentFeatures(f.latent, f.attributes));

  it('has attribute combinations as its axes, not sampling noise of z', () => {
    const pca = fitPca(features, 2);
    for (const d of pca.directions) expect(attributeShare(d)).toBeGreaterThan(0.9);
    // Above the ceiling of isotropic noise, (1 + √(134/1000))² ≈ 1.86.
    expect(pca.variances[1]!).toBeGreaterThan(3);
    for (const d of pca.directions) expect(directionLabel(d, manifest.attributes)).not.toBe('latent');
  });

  it('on z alone (or with y unweighted) the top directions are mostly z: why the weight is there', () => {
    const plain = gallery.map((f) => Float32Array.from([...f.latent, ...f.attributes]));
    const pca = fitPca(plain, 2);
    expect(Math.min(...pca.directions.map(attributeShare))).toBeLessThan(0.5);
  });

  it('keeps z spread within each attribute cluster: faces with the same attributes do not share one point', () => {
    const pca = fitPca(features, 2);
    const key = (i: number) => gallery[i]!.attributes.join();
    const sameRow = gallery.map((_, i) => i).filter((i) => key(i) === key(0));
    expect(sameRow.length).toBeGreaterThan(10);
    const xs = sameRow.map((i) => {
      let s = 0;
      for (let j = 0; j < features[i]!.length; j++) s += (features[i]![j]! - pca.mean[j]!) * pca.directions[0]![j]!;
      return s;
    });
    const spread = Math.max(...xs) - Math.min(...xs);
    expect(spread).toBeGreaterThan(0.5);
  });
});

describe('directionLabel', () => {
  it('names the strongest attribute loads with their signs', () => {
    const d = Float32Array.from([0.1, 0.1, ...manifest.attributes.map((_, i) => (i === 3 ? 0.7 : i === 2 ? -0.5 : 0))]);
    expect(directionLabel(d, manifest.attributes)).toBe('+Male −Smile');
    expect(directionLabel(Float32Array.from([1, ...manifest.attributes.map(() => 0)]), manifest.attributes)).toBe(
      'latent',
    );
  });
});
