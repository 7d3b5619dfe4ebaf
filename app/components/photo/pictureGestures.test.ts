import { describe, expect, it } from 'vitest';
import { clampView, HOLD_MS, IDENTITY, PictureGestures, ZOOM_STEP, type PictureView } from './pictureGestures';

const W = 300;
const H = 300;

function setup(options?: { divider: boolean; zoom: boolean }) {
  const log = { splits: [] as number[], holds: [] as boolean[], views: [] as PictureView[] };
  const g = new PictureGestures(
    {
      split: (p) => log.splits.push(p),
      hold: (on) => log.holds.push(on),
      view: (v) => log.views.push(v),
    },
    options,
  );
  return { g, log };
}

describe('PictureGestures', () => {
  it('a sideways drag moves the divider to the pointer, in percent of the width', () => {
    const { g, log } = setup();
    g.down(1, 30, 150, 0);
    g.move(1, 33, 150, 10, W, H); // within the slop: nothing yet
    expect(log.splits).toEqual([]);
    g.move(1, 60, 152, 20, W, H);
    g.move(1, 150, 150, 30, W, H);
    g.move(1, 400, 150, 40, W, H); // past the edge: clamped
    g.up(1, 400, 150, 50, W, H);
    expect(log.splits).toEqual([20, 50, 100]);
    expect(log.holds).toEqual([]);
  });

  it('a pointer held still shows the photo before edits until it is lifted; a moved one never does', () => {
    const { g, log } = setup();
    g.down(1, 100, 100, 0);
    g.tick(HOLD_MS - 1);
    expect(log.holds).toEqual([]);
    g.tick(HOLD_MS);
    expect(log.holds).toEqual([true]);
    g.move(1, 140, 100, HOLD_MS + 50, W, H); // moving while held keeps the hold, and moves no divider
    g.up(1, 140, 100, HOLD_MS + 100, W, H);
    expect(log.holds).toEqual([true, false]);
    expect(log.splits).toEqual([]);

    g.down(2, 100, 100, 1000);
    g.move(2, 130, 100, 1010, W, H);
    g.tick(1000 + HOLD_MS);
    g.up(2, 130, 100, 1100, W, H);
    expect(log.holds).toEqual([true, false]);
  });

  it('a double tap zooms in at the tapped point and a second one zooms back out', () => {
    const { g, log } = setup();
    g.down(1, 75, 75, 0);
    g.up(1, 75, 75, 60, W, H);
    g.down(1, 76, 74, 200);
    g.up(1, 76, 74, 260, W, H);
    const zoomed = log.views.at(-1)!;
    expect(zoomed.scale).toBe(ZOOM_STEP);
    // The picture point under the finger stays under it: screen = t + s * p.
    expect(zoomed.tx + ZOOM_STEP * 76).toBeCloseTo(76 + 0, 0);
    expect(g.view).toEqual(zoomed);
    g.down(1, 100, 100, 1000);
    g.up(1, 100, 100, 1050, W, H);
    g.down(1, 100, 100, 1200);
    g.up(1, 100, 100, 1250, W, H);
    expect(log.views.at(-1)).toEqual(IDENTITY);
  });

  it('two taps far apart in time or place do not zoom', () => {
    const { g, log } = setup();
    g.down(1, 75, 75, 0);
    g.up(1, 75, 75, 60, W, H);
    g.down(1, 75, 75, 1000);
    g.up(1, 75, 75, 1060, W, H);
    g.down(1, 250, 250, 1200);
    g.up(1, 250, 250, 1250, W, H);
    expect(log.views).toEqual([]);
  });

  it('a pinch zooms with the fingers’ distance, never below 1 or past the maximum, and pans with their midpoint', () => {
    const { g, log } = setup();
    g.down(1, 140, 150, 0);
    g.down(2, 160, 150, 5);
    g.move(2, 200, 150, 20, W, H); // distance 20 -> 60
    expect(log.views.at(-1)!.scale).toBeCloseTo(3);
    g.move(2, 500, 150, 30, W, H); // far past: clamped
    expect(log.views.at(-1)!.scale).toBe(4);
    g.move(2, 150, 150, 40, W, H); // closer than at the start: back to 1, not below
    expect(log.views.at(-1)).toEqual(IDENTITY);
    g.move(2, 200, 150, 50, W, H);
    g.up(2, 200, 150, 60, W, H);
    // The remaining finger pans the zoomed picture.
    const before = g.view;
    g.move(1, 100, 120, 70, W, H);
    expect(g.view.scale).toBe(before.scale);
    expect(g.view.tx).toBeLessThan(before.tx);
    g.up(1, 100, 120, 80, W, H);
    expect(log.splits).toEqual([]);
  });

  it('a drag on a zoomed picture pans it instead of moving the divider, and never past its edges', () => {
    const { g, log } = setup();
    g.setView({ scale: 2, tx: -150, ty: -150 });
    g.down(1, 150, 150, 0);
    g.move(1, 190, 130, 10, W, H);
    expect(g.view).toEqual({ scale: 2, tx: -110, ty: -170 });
    g.move(1, 900, 900, 20, W, H);
    expect(g.view).toEqual({ scale: 2, tx: 0, ty: 0 });
    g.up(1, 900, 900, 30, W, H);
    expect(log.splits).toEqual([]);
  });

  it('without a divider or zoom (the generated face) only the hold works', () => {
    const { g, log } = setup({ divider: false, zoom: false });
    g.down(1, 10, 10, 0);
    g.move(1, 200, 10, 10, W, H);
    g.up(1, 200, 10, 20, W, H);
    g.down(1, 10, 10, 100);
    g.up(1, 10, 10, 120, W, H);
    g.down(1, 10, 10, 200);
    g.up(1, 10, 10, 220, W, H);
    g.down(1, 10, 10, 1000);
    g.down(2, 50, 10, 1001);
    g.move(2, 250, 10, 1010, W, H);
    g.up(2, 250, 10, 1020, W, H);
    g.up(1, 10, 10, 1030, W, H);
    g.down(1, 10, 10, 2000);
    g.tick(2000 + HOLD_MS);
    g.up(1, 10, 10, 2600, W, H);
    expect(log).toEqual({ splits: [], holds: [true, false], views: [] });
  });

  it('release ends a hold in progress (the picture goes away under the finger)', () => {
    const { g, log } = setup();
    g.down(1, 10, 10, 0);
    g.tick(HOLD_MS);
    g.release();
    g.up(1, 10, 10, HOLD_MS + 10, W, H); // a late lift changes nothing
    expect(log.holds).toEqual([true, false]);
  });

  it('clampView keeps the zoomed picture covering its box', () => {
    expect(clampView({ scale: 0.5, tx: 20, ty: -20 }, W, H)).toEqual(IDENTITY);
    expect(clampView({ scale: 2, tx: -400, ty: 10 }, W, H)).toEqual({ scale: 2, tx: -300, ty: 0 });
  });
});
