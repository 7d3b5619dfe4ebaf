import { describe, expect, it } from 'vitest';
import type { FrameInput } from './protocol';
import { AHEAD, SliderSweeps, SWEEP_STEP } from './sliderSweeps';

const ranges = [
  { min: -2, max: 2 },
  { min: -1, max: 1 },
];
const input = (a0: number, a1: number, z = 0.5): FrameInput => ({
  latent: new Float32Array([z, -z]),
  attributes: new Float32Array([a0, a1]),
});
/** A stand-in generation: every value is the input's attribute `k` times 10 plus the other one. */
const fake = ({ attributes }: FrameInput) => new Float32Array(4).fill(attributes[0]! * 10 + attributes[1]!);

/** Makes every generation the sweeps ask for, as the worker's loop does; returns how many. */
function buildAll(sweeps: SliderSweeps): number {
  let n = 0;
  for (let job = sweeps.next(); job; job = sweeps.next()) {
    sweeps.store(job, fake(job.input));
    n++;
  }
  return n;
}

describe('SliderSweeps', () => {
  it('makes every step of each slider around the anchor, nearest values first', () => {
    const sweeps = new SliderSweeps(ranges);
    expect(sweeps.next()).toBeNull(); // no anchor yet
    sweeps.setAnchor(input(0.3, -1));
    const first = sweeps.next()!;
    expect(first.sweep.attribute).toBe(0);
    expect(first.input.attributes[0]).toBeCloseTo(0.3, 5);
    expect(first.input.attributes[1]).toBe(-1);
    sweeps.store(first, fake(first.input));
    expect(Math.abs(sweeps.next()!.input.attributes[0]! - 0.3)).toBeCloseTo(SWEEP_STEP, 5);
    const n = buildAll(sweeps);
    expect(n + 1).toBe(41 + 21);
    expect(sweeps.count).toBe(62);
    expect(sweeps.next()).toBeNull();
  });

  it('gives a generated value exactly and a value between two as their linear blend', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0.5));
    buildAll(sweeps);
    const at = sweeps.lookup(input(0.3, 0.5))!;
    expect(at.exact).toBe(true);
    expect(at.image[0]).toBeCloseTo(fake(input(0.3, 0.5))[0]!, 5);
    const between = sweeps.lookup(input(0.34, 0.5))!;
    expect(between.exact).toBe(false);
    expect(between.image[0]).toBeCloseTo(0.34 * 10 + 0.5, 4); // linear in the attribute, so the blend is exact here
    // The other slider's sweep serves its own attribute.
    expect(sweeps.lookup(input(0, -0.95))!.image[0]).toBeCloseTo(-0.95, 4);
  });

  it('serves nothing for inputs that differ in more than the swept attribute, or lie outside the range', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0.5));
    buildAll(sweeps);
    expect(sweeps.lookup(input(0.3, 0.4))).toBeNull(); // both attributes moved
    expect(sweeps.lookup(input(0.3, 0.5, 0.7))).toBeNull(); // another latent
    expect(sweeps.lookup(input(2.5, 0.5))).toBeNull(); // beyond the slider
    expect(sweeps.lookup({ ...input(0.3, 0.5), snapshot: 0 })).toBeNull();
  });

  it('serves a value only once both neighbours are made', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0.5));
    const job = sweeps.next()!; // attribute 0 at 0
    sweeps.store(job, fake(job.input));
    expect(sweeps.lookup(input(0, 0.5))!.exact).toBe(true);
    expect(sweeps.lookup(input(0.05, 0.5))).toBeNull();
  });

  it('rebuilds the sweeps a new anchor invalidates and keeps the one still matching', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0.5));
    buildAll(sweeps);
    // A drag on attribute 0 ends at 1.2: its sweep still matches; attribute 1's was made at attribute 0 = 0.
    sweeps.setAnchor(input(1.2, 0.5));
    expect(sweeps.lookup(input(-0.5, 0.5))).not.toBeNull();
    expect(sweeps.lookup(input(1.2, 0.2))).toBeNull();
    const job = sweeps.next()!;
    expect(job.sweep.attribute).toBe(1);
    expect(job.input.attributes[0]).toBeCloseTo(1.2, 5);
    expect(buildAll(sweeps)).toBe(21); // next() offers the same job until it is stored
    expect(sweeps.lookup(input(1.2, 0.2))!.image[0]).toBeCloseTo(12.2, 4);
  });

  it('drops a generation made for a sweep that was replaced meanwhile, and everything on clear()', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0.5));
    const stale = sweeps.next()!;
    sweeps.setAnchor(input(0, 0.5, 0.9)); // another face: every sweep is made again
    expect(sweeps.next()!.sweep).not.toBe(stale.sweep);
    sweeps.store(stale, fake(stale.input));
    expect(sweeps.count).toBe(0);
    buildAll(sweeps);
    expect(sweeps.count).toBe(62);
    sweeps.clear();
    expect(sweeps.count).toBe(0);
    expect(sweeps.lookup(input(0, 0.5, 0.9))).toBeNull();
  });
  it("makes the slider's own value too, so the face on screen is never a blend", () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0.37, -0.42)); // values the encoder gives, between two steps
    expect(sweeps.next()!.input.attributes[0]).toBeCloseTo(0.37, 6); // the nearest first: itself
    expect(buildAll(sweeps)).toBe(42 + 22);
    const here = sweeps.lookup(input(0.37, -0.42))!;
    expect(here.exact).toBe(true);
    expect(here.image[0]).toBeCloseTo(3.7 - 0.42, 4);
    const near = sweeps.lookup(input(0.39, -0.42))!; // between 0.37 and 0.4
    expect(near.exact).toBe(false);
    expect(near.image[0]).toBeCloseTo(3.9 - 0.42, 4);
  });
  it("remembers live frames' generations, so values between two made ones a step apart are drawn at once", () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.remember(input(0.45, -0.42), fake(input(0.45, -0.42))); // no anchor yet: nothing to build around
    expect(sweeps.count).toBe(0);
    sweeps.setAnchor(input(0.37, -0.42));
    sweeps.remember(input(0.45, 0), fake(input(0.45, 0))); // two attributes moved: not a slider's sweep
    expect(sweeps.count).toBe(0);
    sweeps.remember(input(0.45, -0.42), fake(input(0.45, -0.42))); // a drag on attribute 0
    expect(sweeps.lookup(input(0.45, -0.42))!.exact).toBe(true);
    expect(sweeps.lookup(input(0.47, -0.42))).toBeNull(); // nothing made above it yet
    sweeps.remember(input(0.51, -0.42), fake(input(0.51, -0.42)));
    const between = sweeps.lookup(input(0.47, -0.42))!;
    expect(between.exact).toBe(false);
    expect(between.image[0]).toBeCloseTo(4.7 - 0.42, 4);
    sweeps.remember(input(0.75, -0.42), fake(input(0.75, -0.42)));
    expect(sweeps.lookup(input(0.6, -0.42))).toBeNull(); // 0.51 and 0.75 are more than a step apart
    // The sweep is still made around the anchor, its remembered values kept.
    expect(buildAll(sweeps)).toBe(42 + 22);
    expect(sweeps.count).toBe(42 + 22 + 3);
    expect(sweeps.lookup(input(0.47, -0.42))!.image[0]).toBeCloseTo(4.7 - 0.42, 4);
  });
  it("makes a dragged slider's values just ahead of it, nearest first, and nothing once they are made", () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0.37, -0.42));
    expect(sweeps.ahead()).toBeNull(); // one input: no drag yet
    // A frame on the way up (the page draws it, PhotoEdit remembers it and moves the anchor).
    sweeps.remember(input(0.41, -0.42), fake(input(0.41, -0.42)));
    sweeps.setAnchor(input(0.41, -0.42));
    const made: number[] = [];
    for (let job = sweeps.ahead(); job; job = sweeps.ahead()) {
      expect(job.sweep.attribute).toBe(0);
      expect(job.input.attributes[1]).toBeCloseTo(-0.42, 6); // the other slider as on screen
      made.push(job.input.attributes[0]!);
      sweeps.store(job, fake(job.input));
    }
    expect(made.map((v) => +v.toFixed(2))).toEqual([0.5, 0.6]); // within AHEAD above 0.41
    expect(made[1]! - 0.41).toBeLessThanOrEqual(AHEAD);
    // The drag's next values are now blends of two made ones.
    expect(sweeps.lookup(input(0.43, -0.42))!.exact).toBe(false);
    expect(sweeps.lookup(input(0.57, -0.42))!.image[0]).toBeCloseTo(5.7 - 0.42, 4);
    // The same input again (its exact frame once the slider rests) keeps the drag; turning back makes values below.
    sweeps.setAnchor(input(0.41, -0.42));
    expect(sweeps.ahead()).toBeNull();
    sweeps.setAnchor(input(0.39, -0.42));
    expect(sweeps.ahead()!.input.attributes[0]).toBeCloseTo(0.37, 5); // the sweep's own value, then 0.3
    // Two sliders or the latent changed at once: not a drag.
    sweeps.setAnchor(input(0.2, 0));
    expect(sweeps.ahead()).toBeNull();
    sweeps.setAnchor(input(0.2, 0, 0.7));
    expect(sweeps.ahead()).toBeNull();
  });

  it('stores a generation at its value even when a remembered frame was put in before it meanwhile', () => {
    const sweeps = new SliderSweeps(ranges);
    sweeps.setAnchor(input(0, 0));
    const job = sweeps.next()!; // attribute 0 at 0: its own value
    sweeps.store(job, fake(job.input));
    const later = sweeps.next()!;
    expect(later.input.attributes[0]).not.toBe(job.input.attributes[0]);
    sweeps.remember(input(-1.93, 0), fake(input(-1.93, 0))); // lands below every grid value: moves them all up
    sweeps.store(later, fake(later.input));
    const at = later.input.attributes[0]!;
    expect(sweeps.lookup(input(at, 0))).toEqual({ image: fake(later.input), exact: true });
  });

  it('keeps and serves nothing when disabled (a GPU backend draws every frame from the generator)', () => {
    const sweeps = new SliderSweeps(ranges, false);
    sweeps.setAnchor(input(0.37, -0.42));
    expect(sweeps.next()).toBeNull();
    sweeps.setAnchor(input(0.4, -0.42));
    expect(sweeps.ahead()).toBeNull();
    sweeps.remember(input(0.45, -0.42), fake(input(0.45, -0.42)));
    expect(sweeps.count).toBe(0);
    expect(sweeps.lookup(input(0.45, -0.42))).toBeNull();
  });
});
