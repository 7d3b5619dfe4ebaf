import { describe, expect, it } from 'vitest';
import { fitView, pointAt, toScreen } from './drawLatentMap';

const points = Float32Array.from([0, 0, 10, 0, 0, 5, 10, 5]);

describe('the map view', () => {
  it('shows every point inside the canvas with a margin, y pointing up', () => {
    const view = fitView(points, 200, 100);
    const [left, bottom] = toScreen(view, 0, 0);
    const [right, top] = toScreen(view, 10, 5);
    expect(left).toBeGreaterThan(0);
    expect(right).toBeLessThan(200);
    expect(bottom).toBeGreaterThan(top);
    expect(bottom).toBeLessThan(100);
    expect(top).toBeGreaterThan(0);
    expect(toScreen(view, 5, 2.5)).toEqual([100, 50]);
  });

  it('keeps a face that left the cloud on the canvas edge', () => {
    const view = fitView(points, 200, 100);
    expect(toScreen(view, 1000, -1000)).toEqual([200, 100]);
  });

  it('survives a cloud of one point', () => {
    const view = fitView(Float32Array.from([3, 3]), 100, 100);
    const [x, y] = toScreen(view, 3, 3);
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  it('finds the point under the pointer within a radius, else none', () => {
    const view = fitView(points, 200, 100);
    const [x, y] = toScreen(view, 10, 5);
    expect(pointAt(view, points, x + 3, y - 2, 10)).toBe(3);
    expect(pointAt(view, points, 100, 50, 10)).toBeNull();
  });
});
