/** mulberry32: tiny, fast and good enough for sampling; the same seed gives the same face on every device. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box-Muller over the seeded uniform stream; `1 - u` keeps log() away from 0. */
export function gaussian(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface LatentDistribution {
  size: number;
  mean: number;
  std: number;
}

/** A latent drawn from N(mean, std²) from `seed` alone. */
export function randomLatent(seed: number, dist: LatentDistribution): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(dist.size);
  for (let i = 0; i < dist.size; i++) out[i] = dist.mean + dist.std * gaussian(rng);
  return out;
}

export const MAX_SEED = 0xffffffff;

/** A seed typed by a person: a non-negative integer up to 2^32 - 1, else null. */
export function parseSeed(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= MAX_SEED ? n : null;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}
