/** Small statistics for bench figures: percentiles, medians across runs, and their spread. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function distribution(values: readonly number[]): Distribution {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : NaN };
}

/** The median of per-run figures, with their min–max: "240 (231–262)". */
export function acrossRuns(values: readonly number[], digits = 0): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '–';
  const f = (v: number) => v.toFixed(digits);
  const mid = f(median(finite));
  return finite.length === 1 ? mid : `${mid} (${f(Math.min(...finite))}–${f(Math.max(...finite))})`;
}
