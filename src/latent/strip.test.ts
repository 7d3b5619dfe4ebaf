import { describe, expect, it } from 'vitest';
import { randomLatent } from './random';
import { attributeStrip } from './strip';

const face = { latent: randomLatent(1, { size: 16, mean: 0, std: 1 }), attributes: Float32Array.of(-1, 0.5, 1) };

describe('attributeStrip', () => {
  it('sweeps one attribute from -2 to +2 in even steps, both ends exact, everything else kept', () => {
    const strip = attributeStrip(face, 1, 5);
    expect(strip.map((p) => p.attributes[1])).toEqual([-2, -1, 0, 1, 2]);
    for (const p of strip) {
      expect(p.latent).toEqual(face.latent);
      expect([p.attributes[0], p.attributes[2]]).toEqual([-1, 1]);
    }
    expect(face.attributes[1]).toBe(0.5);
  });

  it('takes other ranges and lengths', () => {
    const strip = attributeStrip(face, 0, 7, 1, -1);
    expect(strip).toHaveLength(7);
    expect(strip[0]!.attributes[0]).toBe(1);
    expect(strip[6]!.attributes[0]).toBe(-1);
  });

  it('explains what it cannot do', () => {
    expect(() => attributeStrip(face, 3, 5)).toThrow(/no attribute 3/);
    expect(() => attributeStrip(face, 0, 1)).toThrow(/at least 2/);
  });
});
