import { describe, expect, it } from 'vitest';
import { editFields, FIELD_CHANNELS, OUTLINE_FADE } from './editFields';

const SIZE = 64;
const MARGIN = 8;
const SIDE = SIZE + 2 * MARGIN;

/** A textured picture shifted right by `dx` pixels, brightened by `gain`. */
function picture(dx: number, gain = 1): Float32Array {
  const rgb = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const X = x - dx;
      const v = 110 + 40 * Math.sin(X / 3.1) * Math.cos(y / 4.3) + 30 * Math.sin((X + 2 * y) / 5.7);
      for (let c = 0; c < 3; c++) rgb[3 * (y * SIZE + x) + c] = gain * v;
    }
  return rgb;
}

/** The person: the right half of the crop (x >= 32), the left half background. */
const person = Float32Array.from({ length: SIZE * SIZE }, (_, p) => (p % SIZE >= 32 ? 1 : 0));
const at = (fields: Float32Array, x: number, y: number, channel: number) =>
  fields[((y + MARGIN) * SIDE + x + MARGIN) * FIELD_CHANNELS + channel]!;

describe('editFields at the person outline', () => {
  const base = picture(0);
  const edited = picture(1.5, 1.3);

  it('moves features inside the person but not on its outline', () => {
    const fields = editFields(base, edited, SIZE, MARGIN, person);
    const inner = Math.abs(at(fields, 48, 32, 0));
    expect(inner).toBeGreaterThan(0.5);
    for (let x = 32; x < 32 + OUTLINE_FADE; x++) expect(Math.abs(at(fields, x, 32, 0))).toBe(0);
    // Without a matte the same edit moves the outline too.
    expect(Math.abs(at(editFields(base, edited, SIZE, MARGIN), 32, 32, 0))).toBeGreaterThan(0.5);
  });

  it('gives the outline the colour change found just inside it', () => {
    const fields = editFields(base, edited, SIZE, MARGIN, person);
    for (let y = 20; y < 44; y += 4) {
      const edge = at(fields, 32, y, 2);
      const inside = at(fields, 32 + OUTLINE_FADE + 1, y, 2);
      expect(Math.abs(edge - inside)).toBeLessThan(0.05);
    }
  });
});
