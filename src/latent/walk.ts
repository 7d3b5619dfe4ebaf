import { randomLatent, type LatentDistribution } from './random';

/** How many keyframes the walk passes per second, live and in exports alike, so an export looks like the live walk. */
export const WALK_KEYS_PER_SECOND = 0.5;

/**
 * A smooth random walk through the latent space, decided by `seed` alone (and the start latent): keyframe 0 is
 * `start`, keyframe k >= 1 is a fresh Gaussian latent from the seed. Between keyframes the path is a Catmull-Rom
 * spline (smooth through every keyframe, no kink), pulled back to the spline of the keyframes' norms: a straight mix
 * of independent Gaussian latents sits inside the sphere they live near (washed-out faces), this stays on it.
 */
export class LatentWalk {
  private keys = new Map<number, Float32Array>();

  constructor(
    readonly seed: number,
    private readonly dist: LatentDistribution,
    start?: Float32Array,
  ) {
    if (start && start.length !== dist.size) {
      throw new RangeError(`start latent has ${start.length} values, the model expects ${dist.size}`);
    }
    this.keys.set(0, start ? start.slice() : randomLatent(keySeed(seed, 0), dist));
  }

  /** Keyframe `k` (k >= 0); negative k repeats keyframe 0, so the walk leaves its start gently. */
  keyframe(k: number): Float32Array {
    const i = Math.max(0, k);
    let key = this.keys.get(i);
    if (!key) {
      key = randomLatent(keySeed(this.seed, i), this.dist);
      this.keys.set(i, key);
      // Only the keyframes around the walker are ever needed again.
      for (const old of this.keys.keys()) if (old > 0 && old < i - 3) this.keys.delete(old);
    }
    return key;
  }

  /** The latent at time `t` (in keyframes, t >= 0): exactly keyframe k at t = k. Returns a fresh array. */
  at(t: number): Float32Array {
    if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`walk time must be a finite t >= 0, got ${t}`);
    const k = Math.floor(t);
    const u = t - k;
    if (u === 0) return this.keyframe(k).slice();
    const points = [this.keyframe(k - 1), this.keyframe(k), this.keyframe(k + 1), this.keyframe(k + 2)];
    const w = catmullRom(u);
    const { mean } = this.dist;
    const out = new Float32Array(this.dist.size);
    let norm = 0;
    let squared = 0;
    for (let j = 0; j < 4; j++) norm += w[j]! * centredNorm(points[j]!, mean);
    for (let i = 0; i < out.length; i++) {
      let v = 0;
      for (let j = 0; j < 4; j++) v += w[j]! * (points[j]![i]! - mean);
      out[i] = v;
      squared += v * v;
    }
    const scale = squared > 0 ? norm / Math.sqrt(squared) : 1;
    for (let i = 0; i < out.length; i++) out[i] = mean + out[i]! * scale;
    return out;
  }

  /** `count` evenly spaced latents from t = 0 to t = `span` keyframes, both ends included. */
  path(count: number, span: number): Float32Array[] {
    if (!Number.isInteger(count) || count < 2)
      throw new RangeError(`a walk path needs at least 2 frames, got ${count}`);
    return Array.from({ length: count }, (_, i) => this.at(i === count - 1 ? span : (span * i) / (count - 1)));
  }
}

/** The uniform Catmull-Rom weights of p[k-1], p[k], p[k+1], p[k+2] at u in [0, 1); they sum to 1. */
function catmullRom(u: number): [number, number, number, number] {
  const u2 = u * u;
  const u3 = u2 * u;
  return [0.5 * (-u3 + 2 * u2 - u), 0.5 * (3 * u3 - 5 * u2 + 2), 0.5 * (-3 * u3 + 4 * u2 + u), 0.5 * (u3 - u2)];
}

function centredNorm(v: Float32Array, mean: number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i]! - mean) ** 2;
  return Math.sqrt(s);
}

/** An independent seed per keyframe (murmur3's finaliser over seed and k), so keyframe k never depends on others. */
function keySeed(seed: number, k: number): number {
  let h = (seed ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
