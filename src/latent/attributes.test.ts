import { describe, expect, it } from 'vitest';
import { applyOffsets, clampAttributes, defaultAttributes, type Attribute } from './attributes';

const attributes: Attribute[] = [
  { name: 'Smiling', label: 'Smile', min: -2, max: 2, default: -1, off: -1, on: 1 },
  { name: 'Male', label: 'Male', min: -1, max: 3, default: 0, off: -1, on: 1 },
];

describe('attributes', () => {
  it('clamps into each range and maps NaN to the default', () => {
    expect(Array.from(clampAttributes([5, -4], attributes))).toEqual([2, -1]);
    expect(Array.from(clampAttributes([NaN, 1], attributes))).toEqual([-1, 1]);
  });
  it('rejects a wrong number of values', () => {
    expect(() => clampAttributes([1], attributes)).toThrow(RangeError);
  });
  it('reads defaults in manifest order', () => {
    expect(Array.from(defaultAttributes(attributes))).toEqual([-1, 0]);
  });
  it('applies offsets on top of a face and clamps', () => {
    const base = Float32Array.of(-1, 0);
    expect(Array.from(applyOffsets(base, Float32Array.of(0.5, 10), attributes))).toEqual([-0.5, 3]);
    expect(applyOffsets(base, new Float32Array(2), attributes)).toEqual(base);
  });
});
