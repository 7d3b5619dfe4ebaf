// What the page learns about a loaded model: the manifest's facts the UI adapts to (no tensors, no weights).
import type { GanModel } from './ganModel';
import { framesGarments } from '../photo/garmentPhoto';
import type { ModelInfo } from '../protocol';

export function modelInfo(m: GanModel): ModelInfo {
  const { manifest } = m;
  const licence = manifest.training?.['licence'];
  return {
    id: manifest.id,
    name: manifest.name,
    resolution: manifest.resolution,
    latent: { size: manifest.latent.size, mean: manifest.latent.mean, std: manifest.latent.std },
    attributes: manifest.attributes.map((a) => ({ ...a })),
    ...(typeof licence === 'string' ? { licence } : {}),
    ...(manifest.attributePrior ? { attributePrior: manifest.attributePrior.rows } : {}),
    channels: manifest.channels ?? 3,
    ...(manifest.condition ? { classes: [...manifest.condition.classes] } : {}),
    snapshots: (manifest.snapshots ?? []).map((s) => s.iteration),
    discriminator: manifest.networks.discriminator !== undefined,
    ...(manifest.alignment?.landmarks ? {} : framesGarments(manifest) ? { framesGarments: true } : { noPhotos: true }),
    ...(manifest.testImages ? { testImages: [...manifest.testImages.labels] } : {}),
  };
}
