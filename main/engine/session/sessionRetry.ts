/**
 * When a session tries its camera again, and what it calls the camera while it waits. Pure: the
 * clock and the random source are the caller's.
 */
import type { StreamState } from '../../../preload/api.js';
import { RECENTLY_LIVE_MS, RETRY, RETRY_RECENTLY_LIVE, RETRY_UNAUTHORIZED, backoffDelay } from './backoff.js';

/** A camera that never came up says `reconnecting` for this many failed attempts, then `offline` (and is still retried). */
export const ATTEMPTS_BEFORE_OFFLINE = 3;

/** What a session knows of its past when it plans a retry. */
export interface RetryHistory {
  /** Failed attempts since the camera was last live (the status's `attempt`). */
  attempt: number;
  /** Since the session's last frame, in ms; null if it never had one. */
  msSinceLastFrame: number | null;
  /** The jitter source, in [0, 1); called once per plan. */
  random: () => number;
}

export interface RetryPlan {
  /** Shown while waiting. */
  state: StreamState;
  detail: string;
  /** The attempt that ends this wait. */
  attempt: number;
  delayMs: number;
}

/** What a run that ended without a named reason is called while the session waits. */
export function disconnectedState(wentLive: boolean, attempt: number): 'reconnecting' | 'offline' {
  return wentLive || attempt <= ATTEMPTS_BEFORE_OFFLINE ? 'reconnecting' : 'offline';
}

/** The next attempt and how long to wait for it: a wrong password waits longest, a camera live a moment ago least. */
export function planRetry(state: StreamState, detail: string, history: RetryHistory): RetryPlan {
  const attempt = history.attempt + 1;
  const recentlyLive = history.msSinceLastFrame !== null && history.msSinceLastFrame < RECENTLY_LIVE_MS;
  const policy = state === 'unauthorized' ? RETRY_UNAUTHORIZED : recentlyLive ? RETRY_RECENTLY_LIVE : RETRY;
  return { state, detail, attempt, delayMs: backoffDelay(attempt, policy, history.random()) };
}
