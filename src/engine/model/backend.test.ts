import { describe, expect, it } from 'vitest';
import {
  autoCandidates,
  fallbacks,
  isSoftwareAdapter,
  MAX_WASM_THREADS,
  pickFastest,
  probeWebGpu,
  wasmThreads,
} from './backend';

describe('software adapter detection', () => {
  it('flags fallback adapters and known software rasterisers', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: true }, undefined)).toBe(true);
    expect(isSoftwareAdapter({}, { vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({}, { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({}, { description: 'Software Adapter' })).toBe(true);
  });
  it('accepts real GPUs', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: false }, { vendor: 'nvidia', architecture: 'ada' })).toBe(false);
    expect(isSoftwareAdapter({}, { vendor: 'apple', architecture: 'metal-3' })).toBe(false);
  });
  it('probes through navigator.gpu, falling back to requestAdapterInfo()', async () => {
    expect(await probeWebGpu({})).toEqual({ kind: 'none' });
    const gpu = (info: object, extra: object = {}) => ({
      gpu: { requestAdapter: async () => ({ requestAdapterInfo: async () => info, ...extra }) },
    });
    expect((await probeWebGpu(gpu({ vendor: 'google', architecture: 'swiftshader' }))).kind).toBe('software');
    expect((await probeWebGpu(gpu({ vendor: 'amd', architecture: 'rdna-3' }))).kind).toBe('hardware');
    expect((await probeWebGpu({ gpu: { requestAdapter: async () => null } })).kind).toBe('none');
    expect((await probeWebGpu({ gpu: { requestAdapter: async () => Promise.reject(new Error('x')) } })).kind).toBe(
      'none',
    );
  });
});

describe('pickFastest', () => {
  it('picks the lowest frame time', () => {
    expect(pickFastest({ webgl: 40, wasm: 12 })).toBe('wasm');
    expect(pickFastest({ webgl: 5, wasm: 12 })).toBe('webgl');
  });
  it('ignores backends that failed and falls back to cpu', () => {
    expect(pickFastest({ webgl: Infinity, wasm: 20 })).toBe('wasm');
    expect(pickFastest({})).toBe('cpu');
  });
});

describe('automatic candidates', () => {
  it('times WebGL against WASM only when WebGL runs on real hardware', () => {
    expect(autoCandidates('hardware')).toEqual(['webgl', 'wasm']);
    expect(autoCandidates('software')).toEqual(['wasm']);
    expect(autoCandidates('none')).toEqual(['wasm']);
  });
  it('falls back to any WebGL, then the CPU', () => {
    expect(fallbacks('software')).toEqual(['webgl', 'cpu']);
    expect(fallbacks('none')).toEqual(['cpu']);
  });
});

describe('WASM threads', () => {
  const scope = (crossOriginIsolated: boolean, hardwareConcurrency?: number) => ({
    crossOriginIsolated,
    navigator: { hardwareConcurrency },
  });
  it('uses half the cores when cross-origin isolated, up to a cap', () => {
    expect(wasmThreads(scope(true, 2))).toBe(1);
    expect(wasmThreads(scope(true, 6))).toBe(3);
    expect(wasmThreads(scope(true, 64))).toBe(MAX_WASM_THREADS);
  });
  it('falls back to one thread without isolation or a core count', () => {
    expect(wasmThreads(scope(false, 8))).toBe(1);
    expect(wasmThreads(scope(true))).toBe(1);
    expect(wasmThreads({})).toBe(1);
  });
});
