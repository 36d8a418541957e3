import { describe, expect, it } from 'vitest';
import type { StreamState } from '../../../preload/api.js';
import { ATTEMPTS_BEFORE_OFFLINE, disconnectedState, planRetry } from './sessionRetry.js';

// Just under 1: the top of the jitter range (random is in [0, 1)).
const TOP = 0.999999;

describe('planRetry', () => {
  // state, failed attempts so far, ms since the last frame (null: never live), random → next attempt, delay
  const table: [string, StreamState, number, number | null, number, number, number][] = [
    ['waits half the base delay at the bottom of the jitter', 'reconnecting', 0, null, 0, 1, 250],
    ['waits the whole base delay at the top of the jitter', 'reconnecting', 0, null, TOP, 1, 500],
    ['doubles per attempt', 'reconnecting', 3, null, 0.5, 4, 3000],
    ['never waits more than 30 s', 'offline', 20, null, TOP, 21, 30_000],
    ['a named failure waits like a disconnect', 'unreachable', 4, null, TOP, 5, 8000],
    ['a refused transcode slot waits like a disconnect', 'unsupported_codec', 1, null, 0, 2, 500],
    ['a camera live a moment ago is retried within 1.5 s', 'reconnecting', 6, 2000, TOP, 7, 1500],
    ['a stalled camera live a moment ago, too', 'stalled', 0, 4000, TOP, 1, 500],
    ['a camera live just under a minute ago still counts as recent', 'reconnecting', 6, 59_999, TOP, 7, 1500],
    ['a camera live a minute ago waits the ordinary backoff', 'reconnecting', 6, 60_000, TOP, 7, 30_000],
    ['a wrong password waits at least 7.5 s', 'unauthorized', 0, null, 0, 1, 7500],
    ['a wrong password waits long even on a camera live a moment ago', 'unauthorized', 0, 1000, TOP, 1, 15_000],
    ['a wrong password never waits more than 5 minutes', 'unauthorized', 10, null, TOP, 11, 300_000],
  ];

  it.each(table)('%s', (_name, state, attempt, msSinceLastFrame, random, nextAttempt, delayMs) => {
    expect(planRetry(state, 'why', { attempt, msSinceLastFrame, random: () => random })).toEqual({
      state,
      detail: 'why',
      attempt: nextAttempt,
      delayMs,
    });
  });

  it('draws once from the random source per plan', () => {
    let draws = 0;
    planRetry('reconnecting', '', { attempt: 0, msSinceLastFrame: null, random: () => (draws++, 0) });
    expect(draws).toBe(1);
  });
});

describe('disconnectedState', () => {
  // went live this run, the attempt that ends the wait → state
  const table: [string, boolean, number, 'reconnecting' | 'offline'][] = [
    ['a first failure is reconnecting', false, 1, 'reconnecting'],
    ['the last failure within the limit is still reconnecting', false, ATTEMPTS_BEFORE_OFFLINE, 'reconnecting'],
    ['the failure after that is offline', false, ATTEMPTS_BEFORE_OFFLINE + 1, 'offline'],
    ['a camera that never comes up stays offline', false, 50, 'offline'],
    ['a run that went live is reconnecting whatever the count', true, 50, 'reconnecting'],
  ];

  it.each(table)('%s', (_name, wentLive, attempt, state) => {
    expect(disconnectedState(wentLive, attempt)).toBe(state);
  });
});
