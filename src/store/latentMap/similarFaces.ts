import type { FrameInput } from '../../engine/protocol';
import { latentFeatures } from '../../latent/gallery';
import { nearest } from '../../latent/nearest';
import type { EditorState, Face } from '../editor/editorStore';
import type { LatentMapState } from './latentMapStore';

/** A face near the one on screen: from the sampled gallery (by index) or one of the user's own (recent, photos). */
export type SimilarFace =
  | { kind: 'gallery'; index: number; seed: number; input: FrameInput; distance: number }
  | { kind: 'own'; face: Face; input: FrameInput; distance: number };

/**
 * The `k` faces nearest to the face on screen (with its edits) in the map's space [z; w·y], among the gallery and
 * the user's recent faces and open photo; the face on screen itself is left out.
 */
export function similarFaces(
  map: Pick<LatentMapState, 'gallery' | 'features' | 'here'>,
  editor: Pick<EditorState, 'recent' | 'face' | 'photo'>,
  k: number,
): SimilarFace[] {
  const { here } = map;
  if (!here) return [];
  const own = [...editor.recent];
  const photoFace = editor.photo?.face;
  if (photoFace && !own.some((f) => f.id === photoFace.id)) own.push(photoFace);
  const mine = own.filter((f) => f.id !== editor.face?.id && f.latent.length === here.latent.length);
  const candidates = [...map.features, ...mine.map((f) => latentFeatures(f.latent, f.attributes))];
  return nearest(latentFeatures(here.latent, here.attributes), candidates, k).map(({ index, distance }) => {
    const g = map.gallery[index];
    if (g) return { kind: 'gallery', index, seed: g.seed, input: g, distance };
    const face = mine[index - map.gallery.length]!;
    return { kind: 'own', face, input: face, distance };
  });
}
