import { describe, expect, it } from 'vitest';
import { PROBE_OUTCOMES, STREAM_STATES } from '../../preload/api';
import { reasonOf, viaRelay } from './reasons';

/** States that say what the stream is doing, not why it fails. */
const DOING = ['idle', 'starting', 'live', 'stalled', 'reconnecting', 'offline'];

describe('one vocabulary of reasons for the tile, the tree and 测试连接', () => {
  it('names every failure state of a stream as the connection test names it', () => {
    for (const state of STREAM_STATES) {
      if (DOING.includes(state)) expect(reasonOf(state, false), state).toBeNull();
      else {
        expect(reasonOf(state, false), state).toBe(state);
        expect((PROBE_OUTCOMES as readonly string[]).includes(state), `${state} is also a test outcome`).toBe(true);
      }
    }
  });

  it('gives every failed test a reason', () => {
    for (const outcome of PROBE_OUTCOMES) expect(reasonOf(outcome, false) === null, outcome).toBe(outcome === 'ok');
  });

  it('calls a refused login through a media server the server refusing, not a wrong camera password', () => {
    expect(reasonOf('unauthorized', true)).toBe('relay_refused');
    expect(reasonOf('unreachable', true)).toBe('unreachable');
    expect(viaRelay({ source: 'relay-flv' })).toBe(true);
    expect(viaRelay({ source: 'direct' })).toBe(false);
    expect(viaRelay({})).toBe(false);
  });
});
