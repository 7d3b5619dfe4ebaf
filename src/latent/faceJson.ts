import type { ModelShape } from './modelShape';

/** The face as a person copies it: enough to reproduce the frame on any device with the same model. */
export interface FaceJson {
  model: string;
  latent: number[];
  attributes: Record<string, number>;
}

export interface ParsedFace {
  latent: Float32Array;
  attributes: Float32Array;
}

export class FaceJsonError extends Error {
  override name = 'FaceJsonError';
}

export function serializeFace(shape: ModelShape, latent: Float32Array, attributes: Float32Array): string {
  const json: FaceJson = {
    model: shape.modelId,
    latent: Array.from(latent),
    attributes: Object.fromEntries(shape.attributeNames.map((name, i) => [name, attributes[i] ?? 0])),
  };
  return JSON.stringify(json);
}

/** Parses pasted text; every failure is a FaceJsonError whose message can be shown to the person as is. */
export function parseFace(text: string, shape: ModelShape): ParsedFace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FaceJsonError('That is not valid JSON. Copy a face with "Copy JSON" and paste all of it.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FaceJsonError('Expected a JSON object with "model", "latent" and "attributes".');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.model !== shape.modelId) {
    throw new FaceJsonError(
      `This face belongs to model "${String(obj.model)}", but the loaded model is "${shape.modelId}".`,
    );
  }
  const latent = obj.latent;
  if (!Array.isArray(latent) || latent.length !== shape.latentSize) {
    const got = Array.isArray(latent) ? `${latent.length} numbers` : 'no list';
    throw new FaceJsonError(`"latent" must be a list of ${shape.latentSize} numbers (got ${got}).`);
  }
  if (!latent.every(isFiniteNumber)) throw new FaceJsonError('"latent" must contain only finite numbers.');
  const attrs = obj.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
    throw new FaceJsonError('"attributes" must be an object of name: value.');
  }
  const record = attrs as Record<string, unknown>;
  const names = Object.keys(record);
  const missing = shape.attributeNames.filter((n) => !(n in record));
  const extra = names.filter((n) => !shape.attributeNames.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `unknown ${extra.join(', ')}` : '',
    ];
    throw new FaceJsonError(`"attributes" do not match this model (${parts.filter(Boolean).join('; ')}).`);
  }
  const values = shape.attributeNames.map((n) => record[n]);
  if (!values.every(isFiniteNumber)) throw new FaceJsonError('Every attribute value must be a finite number.');
  return { latent: Float32Array.from(latent), attributes: Float32Array.from(values) };
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
