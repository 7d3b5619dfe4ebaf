// "Orthogonal to Male" as the model's own encoder sees it. Removing Male's y axis from an attribute vector is not
// enough: the vector's z part can move E_y's Male reading as much (bench/results/choices.md). So the vector is also made
// orthogonal to the gradients of the kept attributes' readings with respect to [z; y], taken by the engine at the
// faces the slider will move (the picked faces at evenly spread slider values), in two rounds: the second round's
// gradients are taken along the first round's vector. On the shipped model this leaves Male's reading nearly flat
// across the slider's range and keeps most of the vector's length.
import type { Attribute } from '../../latent/attributes';
import {
  applyAttributeVectors,
  AttributeVectorError,
  attributeAxis,
  norm,
  orthogonalise,
  type LatentPoint,
} from '../../latent/attributeVector';
import { evenly } from '../../latent/intervention';
import type { SweepEngine } from './customCorrelation';

const ROUNDS = 2;
const STEPS = 5;
const FACES = 6;

/** How many faces the engine differentiates for `faces` picked faces (progress's total). */
export function gradientSize(faces: number): number {
  return ROUNDS * Math.min(faces, FACES) * STEPS;
}

/**
 * `raw` (what slider value +1 adds to [z; y] before orthogonalisation) without its components along the y axes of the
 * attributes at `keep` (non-empty) and along their readings' gradients at the first picked `faces` moved over the
 * slider's range (±`range`). `start` is raw already without those y axes (buildAttributeVector's vector): the first
 * round's gradients are taken along it. Rejects with an AttributeVectorError when nothing is left, or with the
 * engine's error / abort.
 */
export async function orthogonalToReadings(
  engine: SweepEngine,
  attributes: readonly Attribute[],
  faces: readonly LatentPoint[],
  { raw, start }: { raw: Float32Array; start: Float32Array },
  keep: readonly number[],
  options: { range: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<Float32Array> {
  const A = attributes.length;
  const L = raw.length - A;
  const directions = keep.map((i) => attributeAxis(i, L, A));
  let vector = start;
  const steps = evenly(-options.range, options.range, STEPS);
  const bases = faces.slice(0, FACES);
  const total = gradientSize(faces.length);
  for (let round = 0; round < ROUNDS; round++) {
    const inputs = bases.flatMap((f) => steps.map((s) => applyAttributeVectors(f, [vector], [s], attributes)));
    const { gradients } = await engine.batch(inputs, {
      size: 0,
      gradientOf: [...keep],
      signal: options.signal,
      onProgress: (done) => options.onProgress?.(round * inputs.length + done, total),
    });
    for (const g of gradients) {
      keep.forEach((_, k) => directions.push(Float64Array.from(g.subarray(k * (L + A), (k + 1) * (L + A)))));
    }
    vector = Float32Array.from(orthogonalise(Float64Array.from(raw), directions));
  }
  if (norm(vector) < 1e-3 * norm(raw)) {
    throw new AttributeVectorError(
      'Nothing is left once what moves the chosen attributes is removed. Untick some, or pick other faces.',
    );
  }
  return vector;
}
