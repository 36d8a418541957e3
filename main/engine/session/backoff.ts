/**
 * How the engine retries a camera: the policies for its ffmpeg sessions. The delay itself is the
 * one rule the page uses as well (preload/backoff.ts).
 */
import { JITTER_HALF_TO_FULL, type BackoffPolicy } from '../../../preload/backoff.js';

export { backoffDelay } from '../../../preload/backoff.js';

export const RETRY: BackoffPolicy = { baseMs: 500, capMs: 30_000, jitter: JITTER_HALF_TO_FULL };
/**
 * A camera that was live a moment ago is most likely rebooting or on a flaky uplink: for the
 * first minute it is retried at most every 1.5 s, so the tile is back within about a second
 * of the camera; after that the ordinary backoff takes over.
 */
export const RETRY_RECENTLY_LIVE: BackoffPolicy = { baseMs: 500, capMs: 1500, jitter: JITTER_HALF_TO_FULL };
export const RECENTLY_LIVE_MS = 60_000;

/** A wrong password is not hammered: cameras lock accounts after a few failures. */
export const RETRY_UNAUTHORIZED: BackoffPolicy = { baseMs: 15_000, capMs: 300_000, jitter: JITTER_HALF_TO_FULL };
