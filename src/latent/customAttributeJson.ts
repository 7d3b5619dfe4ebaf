// Custom attributes as a JSON file: what "Export" downloads, "Import" reads and the browser's storage keeps. One
// format for all three, so what was saved is checked like anything imported.
import type { ModelShape } from './modelShape';

/** Per existing attribute (manifest order), Pearson's r between slider value and the encoder's reading; null = no change. */
export interface Correlation {
  before: (number | null)[];
  after: (number | null)[];
  /** Per attribute, how far its reading moves across the slider's whole range (sweepChanges); absent in older files. */
  change?: { before: number[]; after: number[] };
}

/** A slider the person made from faces they picked (attributeVector.ts). */
export interface CustomAttribute {
  /** Unique within this browser; not exported (a file's attributes get new ids when imported). */
  id: string;
  name: string;
  /** [latent size + attribute count]: what slider value +1 adds to [z; y]. */
  vector: Float32Array;
  /** Names of the model attributes it was made orthogonal to. */
  orthogonalTo: string[];
  faces: { has: number; hasnt: number };
  /** Made with faces from the person's photos: such a vector never goes into a share link. */
  fromPhotos: boolean;
  correlation: Correlation | null;
}

export const CUSTOM_FORMAT = 'latent-lab-custom-attributes';
export const CUSTOM_VERSION = 1;
export const MAX_CUSTOM_ATTRIBUTES = 64;
export const MAX_CUSTOM_FILE_BYTES = 1_000_000;
export const MAX_NAME_LENGTH = 40;

export class CustomAttributeError extends Error {
  override name = 'CustomAttributeError';
}

export function serializeCustomAttributes(shape: ModelShape, list: readonly CustomAttribute[]): string {
  return JSON.stringify({
    format: CUSTOM_FORMAT,
    version: CUSTOM_VERSION,
    model: shape.modelId,
    latentSize: shape.latentSize,
    attributeNames: shape.attributeNames,
    customAttributes: list.map((c) => ({
      name: c.name,
      vector: Array.from(c.vector),
      orthogonalTo: c.orthogonalTo,
      faces: c.faces,
      fromPhotos: c.fromPhotos,
      correlation: c.correlation,
    })),
  });
}

/**
 * Reads a file made by serializeCustomAttributes for the model in `shape`. Every failure is a CustomAttributeError
 * whose message can be shown as is; nothing is returned unless the whole file is valid. `newId` names each attribute.
 */
export function parseCustomAttributes(text: string, shape: ModelShape, newId: () => string): CustomAttribute[] {
  if (text.length > MAX_CUSTOM_FILE_BYTES) {
    throw new CustomAttributeError(
      `That file is too large (over ${MAX_CUSTOM_FILE_BYTES / 1e6} MB) to be custom attributes.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CustomAttributeError('That file is not valid JSON. Choose a file made by "Export".');
  }
  const file = asObject(raw, 'That file is not a custom-attributes file (expected a JSON object).');
  if (file.format !== CUSTOM_FORMAT) {
    throw new CustomAttributeError('That file is not a custom-attributes file made by Latent Lab.');
  }
  if (file.version !== CUSTOM_VERSION) {
    throw new CustomAttributeError(
      `That file is format version ${String(file.version)}; this Latent Lab reads version ${CUSTOM_VERSION}.`,
    );
  }
  if (file.model !== shape.modelId) {
    throw new CustomAttributeError(
      `These custom attributes belong to model "${String(file.model)}", but the loaded model is "${shape.modelId}".`,
    );
  }
  const names = file.attributeNames;
  if (
    file.latentSize !== shape.latentSize ||
    !Array.isArray(names) ||
    names.length !== shape.attributeNames.length ||
    names.some((n, i) => n !== shape.attributeNames[i])
  ) {
    throw new CustomAttributeError(
      `These custom attributes were made for a latent of ${String(file.latentSize)} numbers and other attributes; ` +
        `the loaded model has ${shape.latentSize} and ${shape.attributeNames.join(', ')}.`,
    );
  }
  const list = file.customAttributes;
  if (!Array.isArray(list)) throw new CustomAttributeError('"customAttributes" must be a list.');
  if (list.length > MAX_CUSTOM_ATTRIBUTES) {
    throw new CustomAttributeError(
      `That file holds ${list.length} custom attributes; at most ${MAX_CUSTOM_ATTRIBUTES}.`,
    );
  }
  return list.map((item, k) => parseOne(item, k + 1, shape, newId));
}

/** A name a person typed, tidied; null when it cannot be a name. */
export function cleanName(name: string): string | null {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return trimmed.length > 0 && trimmed.length <= MAX_NAME_LENGTH ? trimmed : null;
}

function parseOne(item: unknown, n: number, shape: ModelShape, newId: () => string): CustomAttribute {
  const where = `Custom attribute ${n}`;
  const obj = asObject(item, `${where} is not an object.`);
  const name = typeof obj.name === 'string' ? cleanName(obj.name) : null;
  if (name === null) throw new CustomAttributeError(`${where} needs a name of 1 to ${MAX_NAME_LENGTH} characters.`);
  const size = shape.latentSize + shape.attributeNames.length;
  const vector = obj.vector;
  if (!Array.isArray(vector) || vector.length !== size || !vector.every(isFiniteNumber)) {
    throw new CustomAttributeError(`"${name}": "vector" must be a list of ${size} finite numbers.`);
  }
  if (vector.every((v) => v === 0)) throw new CustomAttributeError(`"${name}": the vector is all zeros.`);
  const ortho = obj.orthogonalTo;
  if (!Array.isArray(ortho) || !ortho.every((a) => typeof a === 'string' && shape.attributeNames.includes(a))) {
    throw new CustomAttributeError(`"${name}": "orthogonalTo" must list attributes of this model.`);
  }
  const faces = asObject(obj.faces, `"${name}": "faces" must be {"has": n, "hasnt": n}.`);
  if (!isCount(faces.has) || !isCount(faces.hasnt)) {
    throw new CustomAttributeError(`"${name}": "faces" must be {"has": n, "hasnt": n}.`);
  }
  if (typeof obj.fromPhotos !== 'boolean')
    throw new CustomAttributeError(`"${name}": "fromPhotos" must be true or false.`);
  return {
    id: newId(),
    name,
    vector: Float32Array.from(vector),
    orthogonalTo: ortho as string[],
    faces: { has: faces.has, hasnt: faces.hasnt },
    fromPhotos: obj.fromPhotos,
    correlation: parseCorrelation(obj.correlation, shape.attributeNames.length, name),
  };
}

function parseCorrelation(raw: unknown, count: number, name: string): Correlation | null {
  if (raw === null || raw === undefined) return null;
  const obj = asObject(raw, `"${name}": "correlation" must be an object or null.`);
  const column = (v: unknown) =>
    Array.isArray(v) && v.length === count && v.every((r) => r === null || (isFiniteNumber(r) && Math.abs(r) <= 1));
  if (!column(obj.before) || !column(obj.after)) {
    throw new CustomAttributeError(`"${name}": "correlation" must hold ${count} values from -1 to 1 (or null) each.`);
  }
  const before = obj.before as (number | null)[];
  const after = obj.after as (number | null)[];
  if (obj.change === undefined) return { before, after };
  const change = asObject(obj.change, `"${name}": "correlation.change" must be an object.`);
  const changes = (v: unknown) => Array.isArray(v) && v.length === count && v.every(isFiniteNumber);
  if (!changes(change.before) || !changes(change.after)) {
    throw new CustomAttributeError(`"${name}": "correlation.change" must hold ${count} finite numbers twice.`);
  }
  return { before, after, change: { before: change.before as number[], after: change.after as number[] } };
}

function asObject(v: unknown, message: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new CustomAttributeError(message);
  return v as Record<string, unknown>;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
