import { describe, expect, it } from 'vitest';
import { childRegistry } from '../producer/childRegistry.js';
import { locateFfmpeg } from '../producer/ffmpegLocator.js';
import { probeCamera, probeOutcome } from './probe.js';

describe('naming how a connection test ended', () => {
  it.each([
    ['data', '', 'ok'],
    ['exit', '[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized', 'unauthorized'],
    ['exit', '[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found', 'not_found'],
    ['exit', 'rtsp://127.0.0.1:1/x: Connection refused', 'unreachable'],
    ['timeout', '', 'timeout'],
    ['exit', 'Stream map \'0:v:0\' matches no streams.', 'no_video'],
    ['exit', 'rtsp://x: Invalid data found when processing input', 'bad_url'],
    ['spawn_error', '', 'ffmpeg_missing'],
    ['exit', 'something else entirely', 'failed'],
  ] as const)('%s + "%s" → %s', (end, log, outcome) => {
    expect(probeOutcome(end, log)).toBe(outcome);
  });
});

const ffmpeg = locateFfmpeg();

describe.skipIf(!ffmpeg)('testing a connection with the real ffmpeg', () => {
  it('reports codec, size and rate of a source that plays', async () => {
    const report = await probeCamera({ ffmpegPath: ffmpeg!.path, source: { kind: 'demo', url: 'demo:square-1', credentials: {} } });
    expect(report).toMatchObject({ outcome: 'ok', codec: 'h264', width: 640, height: 360 });
    expect(childRegistry.size).toBe(0);
  });

  it('says a closed port is unreachable, and never repeats the password', async () => {
    const report = await probeCamera({
      ffmpegPath: ffmpeg!.path,
      source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:1/ch1', credentials: { username: 'admin', password: 'Pr0be!Secret' } },
    });
    expect(report.outcome).toBe('unreachable');
    expect(JSON.stringify(report)).not.toContain('Pr0be!Secret');
    expect(report.detail).toContain('***@');
  });

  it('gives up at its time limit and kills its ffmpeg', async () => {
    const started = Date.now();
    // A demo source never ends by itself; a limit shorter than its first output ends it.
    const report = await probeCamera({ ffmpegPath: ffmpeg!.path, source: { kind: 'demo', url: 'demo:river-1', credentials: {} }, timeoutMs: 50 });
    expect(['timeout', 'failed']).toContain(report.outcome);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(childRegistry.size).toBe(0);
  });

  it('says so when there is no ffmpeg', async () => {
    expect(await probeCamera({ ffmpegPath: null, source: { kind: 'demo', url: 'demo:square-1', credentials: {} } })).toMatchObject({ outcome: 'ffmpeg_missing' });
  });
});
