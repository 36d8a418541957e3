import { describe, expect, it } from 'vitest';
import type { StreamState, StreamStatus } from '../../preload/api';
import { cameraState, isFailing, rollUp } from './rollUp';

const status = (state: StreamState, since: number, profile: 'main' | 'sub' = 'main') => ({ cameraId: 'c', profile, state, since }) as StreamStatus;

describe('site roll-ups', () => {
  it('counts every failure state as offline, but not connecting or idle', () => {
    expect(['idle', 'starting', 'live'].map((s) => isFailing(s as StreamState))).toEqual([false, false, false]);
    expect(['stalled', 'reconnecting', 'offline', 'unauthorized', 'not_found', 'unreachable', 'bad_url'].every((s) => isFailing(s as StreamState))).toBe(true);
  });

  it('counts the failing cameras of a site, leaving cameras with no open stream out of the failures', () => {
    const states: Record<string, StreamState> = { a: 'live', b: 'offline', c: 'stalled', d: 'starting' };
    expect(rollUp(['a', 'b', 'c', 'd', 'e'], (id) => states[id])).toEqual({ total: 5, offline: 2 });
    expect(rollUp([], () => 'offline')).toEqual({ total: 0, offline: 0 });
  });

  it('calls a camera live when either of its streams is live, else takes its latest state', () => {
    expect(cameraState([status('offline', 5), status('live', 1, 'sub')])).toBe('live');
    expect(cameraState([status('offline', 5), status('reconnecting', 9, 'sub')])).toBe('reconnecting');
    expect(cameraState([undefined, undefined])).toBeUndefined();
  });
});
