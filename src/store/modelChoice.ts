// Which model the app shows: the shipped models, `?model=` in the URL, and the folder each loads from.

export const MODELS = [
  { id: 'celeba64', label: 'Faces (CelebA, 64 px, colour)' },
  { id: 'fashion32', label: 'Clothing (Fashion-MNIST, 32 px, grey)' },
] as const;

export type ModelId = (typeof MODELS)[number]['id'];
export const DEFAULT_MODEL: ModelId = 'celeba64';

export function isModelId(value: unknown): value is ModelId {
  return MODELS.some((m) => m.id === value);
}

/** Reads `?model=` from a query string; anything unknown means the default model. */
export function modelFromQuery(search: string): ModelId {
  const value = new URLSearchParams(search).get('model');
  return isModelId(value) ? value : DEFAULT_MODEL;
}

/** `search` with `?model=` set to `id` (left out for the default model), other parameters kept. */
export function queryWithModel(search: string, id: ModelId): string {
  const params = new URLSearchParams(search);
  if (id === DEFAULT_MODEL) params.delete('model');
  else params.set('model', id);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The folder model `id` loads from, under the page's base URL. */
export function modelUrl(id: ModelId, baseUri: string): string {
  return new URL(`models/${id}/`, baseUri).href;
}
