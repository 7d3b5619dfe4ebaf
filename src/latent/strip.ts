import type { LatentPoint } from './attributeVector';

/**
 * `count` faces from `from` to `to` along one slider: the face's latent and other attributes stay, attribute
 * `index` takes evenly spaced values, both ends included exactly.
 */
export function attributeStrip(face: LatentPoint, index: number, count: number, from = -2, to = 2): LatentPoint[] {
  if (!Number.isInteger(index) || index < 0 || index >= face.attributes.length) {
    throw new RangeError(`no attribute ${index}: the face has ${face.attributes.length}`);
  }
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`a strip needs at least 2 faces, got ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const attributes = face.attributes.slice();
    attributes[index] = i === count - 1 ? to : from + ((to - from) * i) / (count - 1);
    return { latent: face.latent.slice(), attributes };
  });
}
