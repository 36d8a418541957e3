/**
 * Retry timing: exponential backoff with jitter and a cap, so a village of cameras coming back
 * after a power cut does not reconnect in lock-step. One rule for the engine's ffmpeg sessions and
 * the page's socket and players: it lives here because main and renderer may both import preload's
 * pure modules, and neither may import the other. Pure.
 */

export interface BackoffPolicy {
  /** The wait before the first retry, before jitter. */
  baseMs: number;
  /** No wait is longer, jitter included. */
  capMs: number;
  /** The wait is drawn evenly from `low`–`high` times the exponential delay. */
  jitter: readonly [low: number, high: number];
}

/** Between half and the whole delay: retries spread, and never later than the exponential delay. */
export const JITTER_HALF_TO_FULL = [0.5, 1] as const;
/** 20 % either side of the delay. */
export const JITTER_TWENTY_PERCENT = [0.8, 1.2] as const;

/** Delay before retry `attempt` (1-based: the first waits about `baseMs`); `random` in [0, 1]. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capMs, exponential);
  const [low, high] = policy.jitter;
  return Math.round(Math.min(policy.capMs, capped * (low + (high - low) * random)));
}
