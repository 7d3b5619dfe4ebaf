import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAttributePrior, type AttributePriorRow } from './prior';

const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/models/celeba64/manifest.json'), 'utf8'),
) as { attributes: unknown[]; attributePrior: { rows: AttributePriorRow[] } };
const rows = manifest.attributePrior.rows;

describe('sampleAttributePrior', () => {
  it('the same seed gives the same attributes; they are a real row of the training labels', () => {
    for (const seed of [0, 1, 42, 4294967295]) {
      const a = sampleAttributePrior(seed, rows)!;
      expect([...a]).toEqual([...sampleAttributePrior(seed, rows)!]);
      expect(rows.some((r) => r.values.every((v, i) => v === a[i]))).toBe(true);
      expect(a.length).toBe(manifest.attributes.length);
    }
  });

  it('follows the counts: over many seeds each row appears about as often as in training', () => {
    const total = rows.reduce((s, r) => s + r.count, 0);
    const seen = new Map<string, number>();
    const n = 20000;
    for (let seed = 0; seed < n; seed++) {
      const key = sampleAttributePrior(seed, rows)!.join();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const r of rows.slice(0, 5)) {
      expect((seen.get(r.values.join()) ?? 0) / n).toBeCloseTo(r.count / total, 1);
    }
    // Not every face has every attribute off: the all-off row is a minority.
    const allOff = (seen.get(rows[0]!.values.map(() => -1).join()) ?? 0) / n;
    expect(allOff).toBeLessThan(0.2);
  });

  it('returns null for an empty prior', () => {
    expect(sampleAttributePrior(1, [])).toBeNull();
  });
});
