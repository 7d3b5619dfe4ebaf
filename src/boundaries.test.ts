import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The architecture's one-way arrows (docs: shared/docs/style.md), checked on every test run.
const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    found.push({ spec: m[3]!, typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

describe('import boundaries', () => {
  const src = sources('src');
  const app = sources('app');

  it('finds the code it checks', () => {
    expect(src.length).toBeGreaterThan(5);
    expect(app.length).toBeGreaterThan(5);
  });

  it('src/ never imports React or the app', () => {
    for (const file of src) {
      for (const { spec } of imports(file)) {
        expect(spec, file).not.toMatch(/^react(-dom)?(\/|$)|^zustand\/react|(^|\/)app\//);
      }
    }
  });

  it('@tensorflow/* is imported only inside src/engine/', () => {
    for (const file of [...src, ...app]) {
      if (file.startsWith('src/engine/')) continue;
      for (const { spec } of imports(file)) expect(spec, file).not.toMatch(/^@tensorflow\//);
    }
  });

  it('outside the engine, engine modules are imported for types only (tfjs stays in the worker)', () => {
    for (const file of [...src, ...app]) {
      if (file.startsWith('src/engine/')) continue;
      for (const { spec, typeOnly } of imports(file)) {
        if (!/\/engine\//.test(spec)) continue;
        const allowed = typeOnly || /\/engine\/(protocol|engineClient|workerEngine)$/.test(spec);
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});
