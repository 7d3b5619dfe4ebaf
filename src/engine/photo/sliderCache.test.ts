import { describe, expect, it } from 'vitest';
import type { FrameInput } from '../protocol';
import { AHEAD, SliderCache, CACHE_STEP } from './sliderCache';

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

/** Makes every generation the rows ask for, as the worker's loop does; returns how many. */
function buildAll(rows: SliderCache): number {
  let n = 0;
  for (let job = rows.next(); job; job = rows.next()) {
    rows.store(job, fake(job.input));
    n++;
  }
  return n;
}

describe('SliderCache', () => {
  it('makes every step of each slider around the anchor, nearest values first', () => {
    const rows = new SliderCache(ranges);
    expect(rows.next()).toBeNull(); // no anchor yet
    rows.setAnchor(input(0.3, -1));
    const first = rows.next()!;
    expect(first.row.attribute).toBe(0);
    expect(first.input.attributes[0]).toBeCloseTo(0.3, 5);
    expect(first.input.attributes[1]).toBe(-1);
    rows.store(first, fake(first.input));
    expect(Math.abs(rows.next()!.input.attributes[0]! - 0.3)).toBeCloseTo(CACHE_STEP, 5);
    const n = buildAll(rows);
    expect(n + 1).toBe(41 + 21);
    expect(rows.count).toBe(62);
    expect(rows.next()).toBeNull();
  });

  it('gives a generated value exactly and a value between two as their linear blend', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0.5));
    buildAll(rows);
    const at = rows.lookup(input(0.3, 0.5))!;
    expect(at.exact).toBe(true);
    expect(at.image[0]).toBeCloseTo(fake(input(0.3, 0.5))[0]!, 5);
    const between = rows.lookup(input(0.34, 0.5))!;
    expect(between.exact).toBe(false);
    expect(between.image[0]).toBeCloseTo(0.34 * 10 + 0.5, 4); // linear in the attribute, so the blend is exact here
    // The other slider's row serves its own attribute.
    expect(rows.lookup(input(0, -0.95))!.image[0]).toBeCloseTo(-0.95, 4);
  });

  it('serves nothing for inputs that differ in more than the swept attribute, or lie outside the range', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0.5));
    buildAll(rows);
    expect(rows.lookup(input(0.3, 0.4))).toBeNull(); // both attributes moved
    expect(rows.lookup(input(0.3, 0.5, 0.7))).toBeNull(); // another latent
    expect(rows.lookup(input(2.5, 0.5))).toBeNull(); // beyond the slider
    expect(rows.lookup({ ...input(0.3, 0.5), snapshot: 0 })).toBeNull();
  });

  it('serves a value only once both neighbours are made', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0.5));
    const job = rows.next()!; // attribute 0 at 0
    rows.store(job, fake(job.input));
    expect(rows.lookup(input(0, 0.5))!.exact).toBe(true);
    expect(rows.lookup(input(0.05, 0.5))).toBeNull();
  });

  it('rebuilds the rows a new anchor invalidates and keeps the one still matching', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0.5));
    buildAll(rows);
    // A drag on attribute 0 ends at 1.2: its row still matches; attribute 1's was made at attribute 0 = 0.
    rows.setAnchor(input(1.2, 0.5));
    expect(rows.lookup(input(-0.5, 0.5))).not.toBeNull();
    expect(rows.lookup(input(1.2, 0.2))).toBeNull();
    const job = rows.next()!;
    expect(job.row.attribute).toBe(1);
    expect(job.input.attributes[0]).toBeCloseTo(1.2, 5);
    expect(buildAll(rows)).toBe(21); // next() offers the same job until it is stored
    expect(rows.lookup(input(1.2, 0.2))!.image[0]).toBeCloseTo(12.2, 4);
  });

  it('drops a generation made for a row that was replaced meanwhile, and everything on clear()', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0.5));
    const stale = rows.next()!;
    rows.setAnchor(input(0, 0.5, 0.9)); // another face: every row is made again
    expect(rows.next()!.row).not.toBe(stale.row);
    rows.store(stale, fake(stale.input));
    expect(rows.count).toBe(0);
    buildAll(rows);
    expect(rows.count).toBe(62);
    rows.clear();
    expect(rows.count).toBe(0);
    expect(rows.lookup(input(0, 0.5, 0.9))).toBeNull();
  });
  it("makes the slider's own value too, so the face on screen is never a blend", () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0.37, -0.42)); // values the encoder gives, between two steps
    expect(rows.next()!.input.attributes[0]).toBeCloseTo(0.37, 6); // the nearest first: itself
    expect(buildAll(rows)).toBe(42 + 22);
    const here = rows.lookup(input(0.37, -0.42))!;
    expect(here.exact).toBe(true);
    expect(here.image[0]).toBeCloseTo(3.7 - 0.42, 4);
    const near = rows.lookup(input(0.39, -0.42))!; // between 0.37 and 0.4
    expect(near.exact).toBe(false);
    expect(near.image[0]).toBeCloseTo(3.9 - 0.42, 4);
  });
  it("remembers live frames' generations, so values between two made ones a step apart are drawn at once", () => {
    const rows = new SliderCache(ranges);
    rows.remember(input(0.45, -0.42), fake(input(0.45, -0.42))); // no anchor yet: nothing to build around
    expect(rows.count).toBe(0);
    rows.setAnchor(input(0.37, -0.42));
    rows.remember(input(0.45, 0), fake(input(0.45, 0))); // two attributes moved: not the slider cache
    expect(rows.count).toBe(0);
    rows.remember(input(0.45, -0.42), fake(input(0.45, -0.42))); // a drag on attribute 0
    expect(rows.lookup(input(0.45, -0.42))!.exact).toBe(true);
    expect(rows.lookup(input(0.47, -0.42))).toBeNull(); // nothing made above it yet
    rows.remember(input(0.51, -0.42), fake(input(0.51, -0.42)));
    const between = rows.lookup(input(0.47, -0.42))!;
    expect(between.exact).toBe(false);
    expect(between.image[0]).toBeCloseTo(4.7 - 0.42, 4);
    rows.remember(input(0.75, -0.42), fake(input(0.75, -0.42)));
    expect(rows.lookup(input(0.6, -0.42))).toBeNull(); // 0.51 and 0.75 are more than a step apart
    // The row is still made around the anchor, its remembered values kept.
    expect(buildAll(rows)).toBe(42 + 22);
    expect(rows.count).toBe(42 + 22 + 3);
    expect(rows.lookup(input(0.47, -0.42))!.image[0]).toBeCloseTo(4.7 - 0.42, 4);
  });
  it("makes a dragged slider's values just ahead of it, nearest first, and nothing once they are made", () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0.37, -0.42));
    expect(rows.ahead()).toBeNull(); // one input: no drag yet
    // A frame on the way up (the page draws it, PhotoEdit remembers it and moves the anchor).
    rows.remember(input(0.41, -0.42), fake(input(0.41, -0.42)));
    rows.setAnchor(input(0.41, -0.42));
    const made: number[] = [];
    for (let job = rows.ahead(); job; job = rows.ahead()) {
      expect(job.row.attribute).toBe(0);
      expect(job.input.attributes[1]).toBeCloseTo(-0.42, 6); // the other slider as on screen
      made.push(job.input.attributes[0]!);
      rows.store(job, fake(job.input));
    }
    expect(made.map((v) => +v.toFixed(2))).toEqual([0.5, 0.6]); // within AHEAD above 0.41
    expect(made[1]! - 0.41).toBeLessThanOrEqual(AHEAD);
    // The drag's next values are now blends of two made ones.
    expect(rows.lookup(input(0.43, -0.42))!.exact).toBe(false);
    expect(rows.lookup(input(0.57, -0.42))!.image[0]).toBeCloseTo(5.7 - 0.42, 4);
    // The same input again (its exact frame once the slider rests) keeps the drag; turning back makes values below.
    rows.setAnchor(input(0.41, -0.42));
    expect(rows.ahead()).toBeNull();
    rows.setAnchor(input(0.39, -0.42));
    expect(rows.ahead()!.input.attributes[0]).toBeCloseTo(0.37, 5); // the row's own value, then 0.3
    // Two sliders or the latent changed at once: not a drag.
    rows.setAnchor(input(0.2, 0));
    expect(rows.ahead()).toBeNull();
    rows.setAnchor(input(0.2, 0, 0.7));
    expect(rows.ahead()).toBeNull();
  });

  it('stores a generation at its value even when a remembered frame was put in before it meanwhile', () => {
    const rows = new SliderCache(ranges);
    rows.setAnchor(input(0, 0));
    const job = rows.next()!; // attribute 0 at 0: its own value
    rows.store(job, fake(job.input));
    const later = rows.next()!;
    expect(later.input.attributes[0]).not.toBe(job.input.attributes[0]);
    rows.remember(input(-1.93, 0), fake(input(-1.93, 0))); // lands below every grid value: moves them all up
    rows.store(later, fake(later.input));
    const at = later.input.attributes[0]!;
    expect(rows.lookup(input(at, 0))).toEqual({ image: fake(later.input), exact: true });
  });

  it('keeps and serves nothing when disabled (a GPU backend draws every frame from the generator)', () => {
    const rows = new SliderCache(ranges, false);
    rows.setAnchor(input(0.37, -0.42));
    expect(rows.next()).toBeNull();
    rows.setAnchor(input(0.4, -0.42));
    expect(rows.ahead()).toBeNull();
    rows.remember(input(0.45, -0.42), fake(input(0.45, -0.42)));
    expect(rows.count).toBe(0);
    expect(rows.lookup(input(0.45, -0.42))).toBeNull();
  });
});
