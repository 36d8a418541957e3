import { describe, expect, it } from 'vitest';
import { afterExit, type AfterExit, type RunEnd } from './sessionExit.js';

/** A run of an H.264 camera that never went live and ended without a word; the first attempt. */
const plainEnd: RunEnd = {
  closed: false,
  failure: null,
  detail: 'connection closed',
  output: 'flv-copy',
  neededOutput: 'flv-copy',
  wentLive: false,
  stalled: false,
  switching: false,
  attempt: 0,
  msSinceLastFrame: null,
  random: () => 0,
};

const retry = (state: string, attempt: number, delayMs: number, more: Partial<AfterExit> = {}) => ({
  kind: 'retry',
  state,
  detail: 'connection closed',
  attempt,
  delayMs,
  endPlayers: false,
  ...more,
});

// What happened (over plainEnd) → what the session does next.
const table: [string, Partial<RunEnd>, unknown][] = [
  // Closed
  ['a closed session does nothing more', { closed: true }, { kind: 'closed' }],
  ['a closed session does nothing more, whatever the run said', { closed: true, failure: 'bad_url', wentLive: true }, { kind: 'closed' }],
  // Final
  ['no ffmpeg is final, and says nothing when ffmpeg said nothing', { failure: 'ffmpeg_missing', detail: '' }, { kind: 'final', state: 'ffmpeg_missing', detail: null }],
  ['a bad URL is final, in ffmpeg\'s words', { failure: 'bad_url', detail: 'Protocol not found' }, { kind: 'final', state: 'bad_url', detail: 'Protocol not found' }],
  [
    'a bad URL is final even when the codec asks for another output',
    { failure: 'bad_url', neededOutput: 'flv-transcode' },
    { kind: 'final', state: 'bad_url', detail: 'connection closed' },
  ],
  // Another output, at once
  ['a camera found to send H.265 is started again at once for MPEG-TS', { neededOutput: 'ts-copy' }, { kind: 'restart-now' }],
  ['a camera found to send H.265 is started again at once to transcode', { neededOutput: 'flv-transcode', failure: 'unsupported_codec' }, { kind: 'restart-now' }],
  ['a codec that asks for another output restarts at once however many attempts failed', { neededOutput: 'ts-copy', attempt: 5 }, { kind: 'restart-now' }],
  [
    'a camera reconfigured while live waits like any drop (the next run picks the new output)',
    { neededOutput: 'ts-copy', wentLive: true },
    retry('reconnecting', 1, 250),
  ],
  [
    'a live run the session ended to change its output (a tile came to a recorder\'s H.265) starts again at once',
    { neededOutput: 'flv-transcode', output: 'ts-copy', wentLive: true, switching: true },
    { kind: 'restart-now' },
  ],
  [
    'a switch the camera overtook (its output is already right) waits like any drop',
    { neededOutput: 'ts-copy', output: 'ts-copy', wentLive: true, switching: true },
    retry('reconnecting', 1, 250, { endPlayers: true }),
  ],
  // Plain disconnects
  ['a first failure says reconnecting', {}, retry('reconnecting', 1, 250)],
  ['a third failure in a row still says reconnecting', { attempt: 2 }, retry('reconnecting', 3, 1000)],
  ['a fourth failure in a row of a camera that never came up says offline', { attempt: 3 }, retry('offline', 4, 2000)],
  ['a drop after a live run says reconnecting, and waits little', { wentLive: true, msSinceLastFrame: 10 }, retry('reconnecting', 1, 250)],
  // Named failures
  ['a named failure says its name, never offline', { failure: 'unreachable', attempt: 5 }, retry('unreachable', 6, 8000)],
  ['a wrong password says so and waits long', { failure: 'unauthorized' }, retry('unauthorized', 1, 7500)],
  ['a stream the camera does not have says not found', { failure: 'not_found', attempt: 1 }, retry('not_found', 2, 500)],
  // Stalls
  ['a run the watchdog stopped says stalled', { wentLive: true, stalled: true, msSinceLastFrame: 4000 }, retry('stalled', 1, 250)],
  ['the watchdog\'s stall outranks the reason the producer gave', { wentLive: true, stalled: true, failure: 'unreachable' }, retry('stalled', 1, 250)],
  // Open players
  ['MPEG-TS players are ended after a live TS run', { output: 'ts-copy', neededOutput: 'ts-copy', wentLive: true }, retry('reconnecting', 1, 250, { endPlayers: true })],
  ['MPEG-TS players are kept when the TS run never went live', { output: 'ts-copy', neededOutput: 'ts-copy' }, retry('reconnecting', 1, 250)],
  ['FLV players are kept across a live run: their timeline is stitched', { output: 'flv-transcode', neededOutput: 'flv-transcode', wentLive: true }, retry('reconnecting', 1, 250)],
];

describe('afterExit', () => {
  it.each(table)('%s', (_name, facts, next) => {
    expect(afterExit({ ...plainEnd, ...facts })).toEqual(next);
  });

  it('draws no jitter unless it plans a retry', () => {
    let draws = 0;
    const random = () => (draws++, 0);
    afterExit({ ...plainEnd, random, closed: true });
    afterExit({ ...plainEnd, random, failure: 'bad_url' });
    afterExit({ ...plainEnd, random, neededOutput: 'ts-copy' });
    expect(draws).toBe(0);
    afterExit({ ...plainEnd, random });
    expect(draws).toBe(1);
  });
});
