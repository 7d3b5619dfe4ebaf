import { describe, expect, it } from 'vitest';
import { backendFromQuery, isBackendName } from './protocol';

describe('protocol', () => {
  it('reads a forced backend from the query string', () => {
    expect(backendFromQuery('?backend=webgpu')).toBe('webgpu');
    expect(backendFromQuery('?x=1&backend=wasm')).toBe('wasm');
    expect(backendFromQuery('?backend=cpu')).toBe('cpu');
    expect(backendFromQuery('?backend=webgl')).toBe('webgl');
  });
  it('treats anything else as auto', () => {
    expect(backendFromQuery('')).toBe('auto');
    expect(backendFromQuery('?backend=WEBGPU')).toBe('auto');
    expect(backendFromQuery('?backend=cuda')).toBe('auto');
  });
  it('knows the backend names', () => {
    expect(['webgpu', 'webgl', 'wasm', 'cpu'].every(isBackendName)).toBe(true);
    expect(isBackendName('auto')).toBe(false);
    expect(isBackendName(undefined)).toBe(false);
  });
});
