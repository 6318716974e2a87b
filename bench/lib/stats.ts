// Distribution helpers for the bench. One run, many samples: we report medians and
// p95s (nearest-rank), never a single timing, because these machines are shared.
import { performance } from 'node:perf_hooks';

export interface Dist {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function dist(samples: readonly number[]): Dist {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, min: s[0] ?? NaN, median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN, mean: sum / (s.length || 1) };
}

/** Runs `fn` `warmup` times unmeasured, then `n` times measured (ms each). */
export async function sample(n: number, fn: () => unknown | Promise<unknown>, warmup = Math.min(5, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export const ms = (v: number, digits = v < 10 ? 2 : v < 100 ? 1 : 0) => `${v.toFixed(digits)} ms`;
export const fmtDist = (d: Dist) => `median ${ms(d.median)}, p95 ${ms(d.p95)} (n=${d.n})`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
export const ratio = (v: number) => `${v.toFixed(2)}×`;
