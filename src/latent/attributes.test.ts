import { describe, expect, it } from 'vitest';
import { applyOffsets, clampAttributes, defaultAttributes } from './attributes';

const ranges = [
  { name: 'Smiling', min: -2, max: 2, default: -1 },
  { name: 'Male', min: -1, max: 3, default: 0 },
];

describe('attributes', () => {
  it('clamps into each range and maps NaN to the default', () => {
    expect(Array.from(clampAttributes([5, -4], ranges))).toEqual([2, -1]);
    expect(Array.from(clampAttributes([NaN, 1], ranges))).toEqual([-1, 1]);
  });
  it('rejects a wrong number of values', () => {
    expect(() => clampAttributes([1], ranges)).toThrow(RangeError);
  });
  it('reads defaults in manifest order', () => {
    expect(Array.from(defaultAttributes(ranges))).toEqual([-1, 0]);
  });
  it('applies offsets on top of a face and clamps', () => {
    const base = Float32Array.of(-1, 0);
    expect(Array.from(applyOffsets(base, Float32Array.of(0.5, 10), ranges))).toEqual([-0.5, 3]);
    expect(applyOffsets(base, new Float32Array(2), ranges)).toEqual(base);
  });
});
