import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
        const allowed = typeOnly || /\/engine\/(protocol|client\/engineClient)$/.test(spec);
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});

// Inside the engine, the folders name its two sides: the page's (client/, and protocol.ts and inbound.ts at the root,
// which both sides share) and the worker's (worker/, model/, render/, photo/). See docs/architecture.md.
describe('the engine: page side and worker side', () => {
  const engine = sources('src/engine');
  const WORKER_SIDE = /^src\/engine\/(worker|model|render|photo)\//;
  const pageSide = engine.filter((f) => !WORKER_SIDE.test(f));
  const workerSide = engine.filter((f) => WORKER_SIDE.test(f));
  const resolved = (file: string, spec: string) => (spec.startsWith('.') ? join(dirname(file), spec) : spec);

  it('finds both sides', () => {
    expect(pageSide.some((f) => f.startsWith('src/engine/client/'))).toBe(true);
    expect(pageSide).toContain('src/engine/protocol.ts');
    expect(workerSide.length).toBeGreaterThan(20);
  });

  it('the page side never imports tfjs, nor the worker side but for types', () => {
    for (const file of pageSide) {
      for (const { spec, typeOnly } of imports(file)) {
        expect(spec, file).not.toMatch(/^@tensorflow\//);
        const target = resolved(file, spec);
        if (WORKER_SIDE.test(target) && !target.includes('/testing/')) {
          expect(typeOnly, `${file} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it('the worker side never imports the page side (client/)', () => {
    for (const file of workerSide) {
      for (const { spec } of imports(file)) {
        expect(resolved(file, spec), `${file} imports ${spec}`).not.toMatch(/^src\/engine\/client\//);
      }
    }
  });
});
