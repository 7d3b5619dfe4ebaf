import { describe, expect, it } from 'vitest';
import { matteOnPatch, segmentSquare, shapeMatte, type PersonMatte } from './personMatte';

describe('person matte', () => {
  it('segments a square centred on the face region, larger than it', () => {
    const s = segmentSquare({ x: 100, y: 50, width: 200, height: 100 });
    expect(s.side).toBeGreaterThan(200);
    expect(s.x + s.side / 2).toBeCloseTo(200);
    expect(s.y + s.side / 2).toBeCloseTo(100);
  });

  it('shapes probabilities into weights: 0 on the background, 1 on the person', () => {
    const w = shapeMatte(Float32Array.from([0, 0.2, 0.5, 0.9, 1]));
    expect(Array.from(w.slice(0, 2))).toEqual([0, 0]);
    expect(w[2]).toBeGreaterThan(0);
    expect(w[2]).toBeLessThan(0.5);
    expect(Array.from(w.slice(3))).toEqual([1, 1]);
  });

  it('reads the matte on a patch of the photo, at the photo size it was made for or another', () => {
    // A 4 x 4 matte over photo square (10, 10) side 40: the left half person.
    const values = Float32Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 1 : 0));
    const matte: PersonMatte = { x: 10, y: 10, side: 40, size: 4, values };
    const m = matteOnPatch(matte, { x: 10, y: 10, width: 40, height: 40 }, 40, 40);
    expect(m[5 * 40 + 2]).toBe(1);
    expect(m[5 * 40 + 37]).toBe(0);
    expect(m[5 * 40 + 19]).toBeGreaterThan(0.4);
    // Outside the square: 0.
    const beyond = matteOnPatch(matte, { x: 0, y: 0, width: 8, height: 8 }, 8, 8);
    expect(beyond[0]).toBe(0);
    // The photo decoded at twice the size: the same place reads the same.
    const big = matteOnPatch(matte, { x: 20, y: 20, width: 80, height: 80 }, 80, 80, 2);
    expect(big[10 * 80 + 4]).toBe(1);
    expect(big[10 * 80 + 75]).toBe(0);
  });
});
