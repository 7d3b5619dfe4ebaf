export interface AttributeRange {
  name: string;
  min: number;
  max: number;
  default: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Clamps each value into its attribute's [min, max]; NaN becomes the attribute's default. */
export function clampAttributes(values: ArrayLike<number>, ranges: readonly AttributeRange[]): Float32Array {
  if (values.length !== ranges.length) {
    throw new RangeError(`expected ${ranges.length} attribute values, got ${values.length}`);
  }
  return Float32Array.from(ranges, (r, i) => {
    const v = values[i]!;
    return Number.isNaN(v) ? r.default : clamp(v, r.min, r.max);
  });
}

export function defaultAttributes(ranges: readonly AttributeRange[]): Float32Array {
  return Float32Array.from(ranges, (r) => r.default);
}

/** Attribute values after edits: the face's own values plus the slider offsets, kept inside each range. */
export function applyOffsets(
  base: Float32Array,
  offsets: Float32Array,
  ranges: readonly AttributeRange[],
): Float32Array {
  if (base.length !== offsets.length) throw new RangeError('base and offsets differ in length');
  return clampAttributes(
    Array.from(base, (b, i) => b + offsets[i]!),
    ranges,
  );
}
