import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from './manifest';

const shipped = () =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../../public/models/celeba64/manifest.json'), 'utf8'),
  ) as Record<string, unknown> & { attributePrior: { rows: { values: number[]; count: number }[] } };

describe('the manifest attributePrior (optional)', () => {
  it('is read from the shipped model, one value per attribute in every row', () => {
    const m = parseManifest(shipped());
    expect(m.attributePrior?.rows.length).toBeGreaterThan(1);
    for (const r of m.attributePrior!.rows) expect(r.values.length).toBe(m.attributes.length);
  });

  it('may be absent: other models still load', () => {
    const json = shipped();
    delete (json as Record<string, unknown>).attributePrior;
    expect(parseManifest(json).attributePrior).toBeUndefined();
  });

  it('is refused when a row does not match the attributes', () => {
    const json = shipped();
    json.attributePrior.rows[0]!.values.pop();
    expect(() => parseManifest(json)).toThrow(ManifestError);
  });
});
