import type { Attribute } from '../../latent/attributes';
import { applyAttributeVectors, type LatentPoint } from '../../latent/attributeVector';
import type { Correlation } from '../../latent/customAttributeJson';
import { evenly } from '../../latent/intervention';
import { sweepChanges, sweepCorrelations } from '../../latent/sweepCorrelation';
import type { EditorEngine } from '../editor/engineSync';

/** The engine's batch API, all the correlation sweep needs of it. */
export type SweepEngine = Pick<EditorEngine, 'batch'>;

/** The custom sliders' range, as the model's own attributes (see attributeVector.ts for the scale). */
export const CUSTOM_RANGE = 2;
/** The sweep: this many slider values on each of at most this many faces, for each of the two vectors. */
const SWEEP_STEPS = 5;
const SWEEP_FACES = 6;

export function sweepSize(faces: number): number {
  return 2 * Math.min(faces, SWEEP_FACES) * SWEEP_STEPS;
}

/**
 * How strongly each model attribute, as the model's own encoder reads it, follows the slider along `before` (the
 * vector as picked) and along `after` (orthogonalised): each of the first faces is moved to evenly spread slider
 * values and read (sweepCorrelation.ts). Rejects when the engine fails or `signal` aborts.
 */
export async function measureCorrelation(
  engine: SweepEngine,
  attributes: readonly Attribute[],
  faces: readonly LatentPoint[],
  vectors: { before: Float32Array; after: Float32Array },
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Correlation> {
  const steps = evenly(-CUSTOM_RANGE, CUSTOM_RANGE, SWEEP_STEPS);
  const bases = faces.slice(0, SWEEP_FACES);
  const both = [vectors.before, vectors.after];
  const inputs = both.flatMap((v) =>
    bases.flatMap((f) => steps.map((s) => applyAttributeVectors(f, [v], [s], attributes))),
  );
  const { readings } = await engine.batch(inputs, { size: 0, read: true, ...options });
  const per = bases.length * steps.length;
  const [before, after] = both.map((_, k) =>
    bases.map((_, f) => readings.slice(k * per + f * steps.length, k * per + (f + 1) * steps.length)),
  );
  const r = (faces: Float32Array[][]) => sweepCorrelations(steps, faces, attributes.length);
  const change = (faces: Float32Array[][]) => sweepChanges(steps, faces, attributes.length);
  return {
    before: r(before!),
    after: r(after!),
    change: { before: change(before!), after: change(after!) },
  };
}

/** Items from both lists in turn, so that the first few of a sweep cover both groups. */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]])
    .flat()
    .filter((x): x is T => x !== undefined);
}
