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

/**
 * The `?model=` value of a query string when it names no shipped model (a typo or a changed link), so the page can say
 * so instead of silently showing the default; null when it is absent or known.
 */
export function unknownModelInQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('model');
  return value === null || isModelId(value) ? null : value;
}

/**
 * The shipped model a manifest id belongs to: manifest ids start with the choice id and a dash
 * ("fashion32-cgan-full-e37a2f1c"); null for a model this app does not ship.
 */
export function modelOfManifest(manifestId: string): ModelId | null {
  return MODELS.find((m) => manifestId.startsWith(`${m.id}-`))?.id ?? null;
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
