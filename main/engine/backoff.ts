/** Retry timing: exponential backoff with jitter and a cap, so a village of cameras coming back
 * after a power cut does not reconnect in lock-step. Pure. */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const RETRY: BackoffPolicy = { baseMs: 500, capMs: 30_000 };
/** A wrong password is not hammered: cameras lock accounts after a few failures. */
export const RETRY_UNAUTHORIZED: BackoffPolicy = { baseMs: 15_000, capMs: 300_000 };

/** Delay before attempt `attempt` (1-based); `random` in [0, 1) gives jitter of 50–100 %. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capMs, exponential);
  return Math.round(capped * (0.5 + random / 2));
}
