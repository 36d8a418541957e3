/**
 * The players' call shape over the one backoff rule (preload/backoff.ts): `attempt` 0-based,
 * `jitter` the fraction either side. Kept for livePlayback.ts, which may move to a BackoffPolicy.
 */
import { backoffDelay as delayFor } from '../../preload/backoff';

export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  jitter = 0.2,
  random: () => number = Math.random,
): number {
  return delayFor(attempt + 1, { baseMs: minMs, capMs: maxMs, jitter: [1 - jitter, 1 + jitter] }, random());
}
