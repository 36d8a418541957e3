import { describe, expect, it } from 'vitest';
import type { StreamState, StreamStatus } from '../../preload/api';
import { steadyStatus } from './steadyStatus';
import { testStatus } from './testStatus';

const status = (state: StreamState, over: Partial<StreamStatus> = {}) => testStatus('cam', { state, ...over });

describe('the state a camera shows through its retries', () => {
  // shown now → pushed → shown after
  const table: [StreamState | undefined, StreamState, StreamState][] = [
    [undefined, 'starting', 'starting'],
    [undefined, 'unreachable', 'unreachable'],
    ['starting', 'unreachable', 'unreachable'],
    // a failed camera keeps its failure while the host does not know yet
    ['unreachable', 'starting', 'unreachable'],
    ['unreachable', 'idle', 'unreachable'],
    ['offline', 'reconnecting', 'offline'],
    ['offline', 'starting', 'offline'],
    ['unauthorized', 'reconnecting', 'unauthorized'],
    ['bad_url', 'starting', 'bad_url'],
    // until it really plays, or fails another way
    ['unreachable', 'live', 'live'],
    ['unreachable', 'offline', 'offline'],
    ['offline', 'unreachable', 'unreachable'],
    // a camera that was just playing says what happens to it
    ['live', 'stalled', 'stalled'],
    ['stalled', 'reconnecting', 'reconnecting'],
    ['reconnecting', 'starting', 'starting'],
    ['reconnecting', 'offline', 'offline'],
    ['live', 'idle', 'idle'],
  ];
  it.each(table)('shown %s, pushed %s: shows %s', (shown, pushed, expected) => {
    expect(steadyStatus(shown && status(shown), status(pushed)).state).toBe(expected);
  });

  it("keeps the failure's start and words, and takes the retry's facts", () => {
    const failed = status('unreachable', { since: 100, detail: 'Connection refused', attempt: 4, retryAt: 9000 });
    expect(steadyStatus(failed, status('starting', { since: 500, attempt: 0, retryAt: null, viewers: 2 }))).toMatchObject({
      state: 'unreachable',
      since: 100,
      detail: 'Connection refused',
      attempt: 4,
      retryAt: 9000,
      viewers: 2,
    });
    expect(steadyStatus(failed, status('reconnecting', { attempt: 5, retryAt: 12_000, detail: 'timeout' }))).toMatchObject({
      state: 'unreachable',
      attempt: 5,
      retryAt: 12_000,
      detail: 'timeout',
    });
  });
});
