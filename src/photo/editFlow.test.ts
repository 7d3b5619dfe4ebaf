import { describe, expect, it } from 'vitest';
import { editFlow, warpChannel } from './editFlow';

const SIZE = 64;

/** A textured test image (sums of sines: structure at several scales), sampled at (x - dx(x, y), y - dy(x, y)). */
function picture(shift: (x: number, y: number) => [number, number] = () => [0, 0], gain = 1, offset = 0) {
  const rgb = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [dx, dy] = shift(x, y);
      const X = x - dx;
      const Y = y - dy;
      const v =
        128 + 40 * Math.sin(X / 3.1) * Math.cos(Y / 4.3) + 30 * Math.sin((X + 2 * Y) / 5.7) + 20 * Math.cos(X / 9);
      for (let c = 0; c < 3; c++) rgb[3 * (y * SIZE + x) + c] = gain * v * (1 - 0.1 * c) + offset;
    }
  return rgb;
}

const interior = (f: Float32Array) => {
  const xs: number[] = [];
  for (let y = 12; y < SIZE - 12; y++) for (let x = 12; x < SIZE - 12; x++) xs.push(f[y * SIZE + x]!);
  return xs;
};
const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('editFlow', () => {
  it('finds a uniform shift: edited(x) = base(x + u)', () => {
    const base = picture();
    const edited = picture(() => [-1.5, 1]); // edited(x, y) = base(x + 1.5, y - 1)
    const flow = editFlow(base, edited, SIZE);
    expect(meanOf(interior(flow.u))).toBeCloseTo(1.5, 0);
    expect(meanOf(interior(flow.v))).toBeCloseTo(-1, 0);
    expect(Math.abs(meanOf(interior(flow.u)) - 1.5)).toBeLessThan(0.25);
  });

  it('finds a local motion and leaves the rest still', () => {
    const base = picture();
    // A bump of motion in the lower middle (a mouth corner moving up), nothing elsewhere.
    const bump = (x: number, y: number): [number, number] => {
      const w = Math.exp(-((x - 32) ** 2 + (y - 44) ** 2) / 40);
      return [0, -2 * w];
    };
    const edited = picture(bump);
    const flow = editFlow(base, edited, SIZE);
    expect(flow.v[44 * SIZE + 32]!).toBeGreaterThan(1);
    expect(Math.abs(flow.v[12 * SIZE + 12]!)).toBeLessThan(0.3);
    expect(Math.abs(flow.u[44 * SIZE + 32]!)).toBeLessThan(0.5);
  });

  it('reads a change of colour and brightness as no motion', () => {
    const base = picture();
    const edited = picture(undefined, 1.6, 30);
    const flow = editFlow(base, edited, SIZE);
    const len = interior(flow.u).map((u, i) => Math.hypot(u, interior(flow.v)[i]!));
    expect(Math.max(...len)).toBeLessThan(0.5);
    expect(meanOf(len)).toBeLessThan(0.15);
  });

  it('makes the warped base match the edited image better than the base does', () => {
    const base = picture();
    const edited = picture(() => [1, 0.5]);
    const flow = editFlow(base, edited, SIZE);
    const lum = (rgb: Float32Array) => Float32Array.from({ length: SIZE * SIZE }, (_, p) => rgb[3 * p]!);
    const warped = warpChannel(lum(base), SIZE, SIZE, flow);
    const err = (a: Float32Array) => meanOf(interior(a.map((v, p) => Math.abs(v - lum(edited)[p]!))));
    expect(err(warped)).toBeLessThan(0.3 * err(lum(base)));
  });
});
