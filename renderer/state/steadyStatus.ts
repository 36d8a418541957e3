import type { StreamState, StreamStatus } from '../../preload/api';
import { isFailing } from './rollUp';

/**
 * Said while the host does not know yet: a new session for the camera (the page's player reopened
 * it after the host had closed the last one), a session closing, or a run that ended unnamed.
 */
const UNDECIDED: ReadonlySet<StreamState> = new Set(['idle', 'starting', 'reconnecting']);

/** A failure, not a hiccup of a camera that was just playing (stalled, reconnecting). */
const isFailure = (state: StreamState) => isFailing(state) && state !== 'stalled' && state !== 'reconnecting';

/**
 * The status to show after `next` arrives, given the one shown now. A camera that has failed stays
 * failed (and counted so in the tree) through its retries until it really plays or fails another
 * way: the retries' own "starting" and "reconnecting" and a closed session's "idle" keep the
 * failure, with the retry's facts. Pure: everything it needs was pushed.
 */
export function steadyStatus(shown: StreamStatus | undefined, next: StreamStatus): StreamStatus {
  if (!shown || !isFailure(shown.state) || !UNDECIDED.has(next.state)) return next;
  return {
    ...next,
    state: shown.state,
    since: shown.since,
    detail: next.detail ?? shown.detail,
    attempt: Math.max(next.attempt, shown.attempt),
    // A retry under way has no next time yet: the one just due says "retrying now".
    retryAt: next.retryAt ?? shown.retryAt,
  };
}
