/**
 * Exponential backoff with jitter: attempt 0 waits about `minMs`, each further attempt doubles,
 * never beyond `maxMs`. Jitter spreads sixteen tiles that failed together so they don't retry in step.
 */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  jitter = 0.2,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  const spread = base * jitter * (2 * random() - 1);
  return Math.round(Math.min(maxMs, Math.max(0, base + spread)));
}
