import { describe, expect, it } from 'vitest';
import { sampleGallery, latentFeatures } from '../../latent/gallery';
import type { Face } from '../editor/editorStore';
import { similarFaces } from './similarFaces';

const model = { latent: { size: 4, mean: 0, std: 1 }, attributes: [] };
const gallery = sampleGallery(model, 50, 0);
const features = gallery.map((f) => latentFeatures(f.latent, f.attributes));
const face = (id: number, latent: number[], name?: string): Face => ({
  id,
  latent: Float32Array.from(latent),
  attributes: new Float32Array(0),
  source: name ? { kind: 'photo', name } : { kind: 'pasted' },
});

describe('similarFaces', () => {
  it('finds gallery faces in distance order, leaving out the face on screen itself', () => {
    const here = { latent: gallery[7]!.latent, attributes: new Float32Array(0) };
    const found = similarFaces({ gallery, features, here }, { recent: [], face: null, photo: null }, 5);
    expect(found).toHaveLength(5);
    expect(found.some((f) => f.kind === 'gallery' && f.index === 7)).toBe(false);
    const d = found.map((f) => f.distance);
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });

  it("includes the user's own faces and open photo, but not the current face", () => {
    const here = { latent: Float32Array.from([0.01, 0, 0, 0]), attributes: new Float32Array(0) };
    const current = face(1, [0.01, 0, 0, 0]);
    const close = face(2, [0.02, 0, 0, 0]);
    const photo = face(3, [0, 0.03, 0, 0], 'me.jpg');
    const found = similarFaces(
      { gallery, features, here },
      { recent: [current, close], face: current, photo: { face: photo } as never },
      2,
    );
    expect(found.map((f) => (f.kind === 'own' ? f.face.id : -1))).toEqual([2, 3]);
  });

  it('is empty without a face on screen', () => {
    expect(similarFaces({ gallery, features, here: null }, { recent: [], face: null, photo: null }, 3)).toEqual([]);
  });
});
