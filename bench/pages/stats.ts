// Timing figures for the benchmark page: percentiles of a sample, and a sampler that stops at a wall-clock budget.

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
  min: number;
  n: number;
  /** True when the time budget stopped sampling before the requested count. */
  reduced: boolean;
}

/** Nearest-rank percentiles of `xs`; `requested` is how many samples were asked for. */
export function stats(xs: number[], requested: number): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))] ?? NaN;
  return {
    p50: at(50),
    p95: at(95),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    min: s[0] ?? NaN,
    n: s.length,
    reduced: s.length < requested,
  };
}

/** Times `fn` up to `n` times, stopping once `budgetMs` is spent (but never before `atLeast` samples). */
export async function sample(fn: () => Promise<unknown>, n: number, budgetMs: number, atLeast = 3): Promise<Stats> {
  const out: number[] = [];
  const begin = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
    if (out.length >= atLeast && performance.now() - begin > budgetMs) break;
  }
  return stats(out, n);
}
