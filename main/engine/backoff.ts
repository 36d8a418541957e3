/** Retry timing: exponential backoff with jitter and a cap, so a village of cameras coming back
 * after a power cut does not reconnect in lock-step. Pure. */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const RETRY: BackoffPolicy = { baseMs: 500, capMs: 30_000 };
/**
 * A camera that was live a moment ago is most likely rebooting or on a flaky uplink: for the
 * first minute it is retried at most every 1.5 s, so the tile is back within about a second
 * of the camera; after that the ordinary backoff takes over.
 */
export const RETRY_RECENTLY_LIVE: BackoffPolicy = { baseMs: 500, capMs: 1500 };
export const RECENTLY_LIVE_MS = 60_000;

/** A wrong password is not hammered: cameras lock accounts after a few failures. */
export const RETRY_UNAUTHORIZED: BackoffPolicy = { baseMs: 15_000, capMs: 300_000 };

/** Delay before attempt `attempt` (1-based); `random` in [0, 1) gives jitter of 50–100 %. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capMs, exponential);
  return Math.round(capped * (0.5 + random / 2));
}
