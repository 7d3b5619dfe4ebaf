import { describe, expect, it } from 'vitest';
import { borrowTexture } from './textureSource';

const SIZE = 32;
const SKIN = [200, 160, 140];
const HAIR = [60, 40, 30];

/** A face-like picture: hair down to row `hairline`, skin below, a little texture in the hair. */
function picture(hairline: number, hair = HAIR) {
  const rgb = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const strand = y < hairline ? 6 * Math.sin(x * 1.7) : 0;
      const c = y < hairline ? hair : SKIN;
      for (let k = 0; k < 3; k++) rgb[(y * SIZE + x) * 3 + k] = c[k]! + strand;
    }
  return rgb;
}

describe('borrowTexture', () => {
  it('points a new fringe over the skin at the hair above it', () => {
    const base = picture(8);
    const edited = picture(13); // five rows of new hair over the forehead
    const u = new Float32Array(SIZE * SIZE);
    const v = new Float32Array(SIZE * SIZE);
    const n = borrowTexture(base, edited, base, u, v, null, SIZE);
    expect(n).toBeGreaterThan(3 * SIZE);
    // Row 11 (new hair, 3 rows below the hairline): it reads from above the hairline.
    for (const x of [4, 16, 27]) {
      expect(11 + v[11 * SIZE + x]!).toBeLessThan(8.5);
      expect(Math.abs(u[11 * SIZE + x]!)).toBeLessThan(2.5);
    }
    // The skin below the new fringe keeps its flow.
    expect(v[24 * SIZE + 16]).toBe(0);
  });

  it('borrows nothing for a recolouring, nor from off the person', () => {
    const base = picture(8);
    const u = new Float32Array(SIZE * SIZE);
    const v = new Float32Array(SIZE * SIZE);
    expect(borrowTexture(base, picture(8, [20, 14, 10]), base, u, v, null, SIZE)).toBe(0);
    const nobody = new Float32Array(SIZE * SIZE);
    expect(borrowTexture(base, picture(13), base, u, v, nobody, SIZE)).toBe(0);
  });
});
