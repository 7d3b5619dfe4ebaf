import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  modelFromQuery,
  modelOfManifest,
  modelUrl,
  queryWithModel,
  unknownModelInQuery,
} from './modelChoice';

describe('modelChoice', () => {
  it('reads ?model= and falls back to the face model for anything unknown', () => {
    expect(modelFromQuery('?model=fashion32')).toBe('fashion32');
    expect(modelFromQuery('?backend=wasm&model=celeba64')).toBe('celeba64');
    expect(modelFromQuery('?model=../secret')).toBe(DEFAULT_MODEL);
    expect(modelFromQuery('')).toBe(DEFAULT_MODEL);
  });

  it('writes the choice into the query, keeping other parameters, and leaves the default out', () => {
    expect(queryWithModel('?backend=wasm', 'fashion32')).toBe('?backend=wasm&model=fashion32');
    expect(queryWithModel('?backend=wasm&model=fashion32', 'celeba64')).toBe('?backend=wasm');
    expect(queryWithModel('?model=fashion32', 'celeba64')).toBe('');
  });

  it('loads each model from its own folder under the page', () => {
    expect(modelUrl('fashion32', 'https://x.test/app/')).toBe('https://x.test/app/models/fashion32/');
  });

  it('tells an unknown ?model= apart from an absent one', () => {
    expect(unknownModelInQuery('?model=fashion33&backend=wasm')).toBe('fashion33');
    expect(unknownModelInQuery('?model=')).toBe('');
    expect(unknownModelInQuery('?model=fashion32')).toBeNull();
    expect(unknownModelInQuery('?backend=wasm')).toBeNull();
  });

  it('finds the shipped model a manifest id belongs to', () => {
    expect(modelOfManifest('fashion32-cgan-full-e37a2f1c')).toBe('fashion32');
    expect(modelOfManifest('celeba64-icgan-full-7c39d795')).toBe('celeba64');
    expect(modelOfManifest('celeba64')).toBeNull();
    expect(modelOfManifest('fashion320-x')).toBeNull();
    expect(modelOfManifest('test-model')).toBeNull();
  });
});
