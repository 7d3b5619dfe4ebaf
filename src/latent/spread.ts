/**
 * `k` indices of 2-D points spread over the cloud by farthest-point sampling: start from the point farthest from the
 * centroid, then repeatedly take the point farthest from everything taken. Deterministic (ties go to the lower index);
 * `points` is [x0, y0, x1, y1, ...].
 */
export function spreadSubset(points: Float32Array, k: number): number[] {
  const n = points.length / 2;
  if (!Number.isInteger(n)) throw new RangeError('points must hold x, y pairs');
  const want = Math.min(k, n);
  if (want <= 0) return [];
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += points[2 * i]! / n;
    cy += points[2 * i + 1]! / n;
  }
  const gap = Float64Array.from({ length: n }, (_, i) => (points[2 * i]! - cx) ** 2 + (points[2 * i + 1]! - cy) ** 2);
  const taken: number[] = [];
  for (let t = 0; t < want; t++) {
    let best = 0;
    for (let i = 1; i < n; i++) if (gap[i]! > gap[best]!) best = i;
    if (t > 0 && gap[best] === 0) break; // only duplicates of taken points remain
    taken.push(best);
    const bx = points[2 * best]!;
    const by = points[2 * best + 1]!;
    for (let i = 0; i < n; i++) {
      const d = (points[2 * i]! - bx) ** 2 + (points[2 * i + 1]! - by) ** 2;
      // After the first pick, the gap is to the taken points only, no longer to the centroid.
      gap[i] = t === 0 ? d : Math.min(gap[i]!, d);
    }
    for (const i of taken) gap[i] = -1;
  }
  return taken;
}
