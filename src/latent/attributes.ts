/**
 * A named, editable property of a face, as the model's manifest declares it (docs/model-format.md): the slider's
 * range and starting value, and the values the training data gave faces without (`off`) and with (`on`) it.
 */
export interface Attribute {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  off: number;
  on: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Clamps each value into its attribute's [min, max]; NaN becomes the attribute's default. */
export function clampAttributes(values: ArrayLike<number>, attributes: readonly Attribute[]): Float32Array {
  if (values.length !== attributes.length) {
    throw new RangeError(`expected ${attributes.length} attribute values, got ${values.length}`);
  }
  return Float32Array.from(attributes, (a, i) => {
    const v = values[i]!;
    return Number.isNaN(v) ? a.default : clamp(v, a.min, a.max);
  });
}

export function defaultAttributes(attributes: readonly Attribute[]): Float32Array {
  return Float32Array.from(attributes, (a) => a.default);
}

/** Attribute values after edits: the face's own values plus the slider offsets, kept inside each range. */
export function applyOffsets(
  base: Float32Array,
  offsets: Float32Array,
  attributes: readonly Attribute[],
): Float32Array {
  if (base.length !== offsets.length) throw new RangeError('base and offsets differ in length');
  return clampAttributes(
    Array.from(base, (b, i) => b + offsets[i]!),
    attributes,
  );
}
