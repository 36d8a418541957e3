/**
 * "Test connection" against real RTSP cameras (the GStreamer fixture) with the real ffmpeg:
 * what it reports for a camera that plays, an H.265 one, a wrong password and a wrong path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../main/engine/producer/ffmpegLocator.js';
import { probeCamera } from '../../main/engine/source/probe.js';
import { childRegistry } from '../../main/engine/producer/childRegistry.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';

const AUTH = { user: 'admin', password: 'Pr0be:/@Secret', method: 'digest' } as const;
const ffmpegPath = locateFfmpeg()?.path ?? null;
let fx: RtspFixture;

beforeAll(async () => {
  fx = await startRtspFixture([{ name: 'cam1' }, { name: 'hevc', codec: 'h265' }, { name: 'locked', auth: AUTH }]);
});
afterAll(() => fx?.close());

const probe = (path: string, credentials: { username?: string; password?: string } = {}) =>
  probeCamera({ ffmpegPath, source: { kind: 'rtsp', url: fx.url(path), credentials } });

describe('testing a real camera', () => {
  it('reports codec, size and frame rate of a camera that plays', async () => {
    const report = await probe('cam1');
    expect(report).toMatchObject({ outcome: 'ok', codec: 'h264', width: expect.any(Number), height: expect.any(Number), fps: expect.any(Number) });
    expect(report.elapsedMs).toBeLessThan(10_000);
  });

  it('reports H.265 as it is, without failing on it', async () => {
    expect(await probe('hevc')).toMatchObject({ outcome: 'ok', codec: 'hevc' });
  });

  it('passes with the right password, says "wrong password" with another, and never repeats either', async () => {
    expect(await probe('locked', { username: AUTH.user, password: AUTH.password })).toMatchObject({ outcome: 'ok' });
    const wrong = await probe('locked', { username: AUTH.user, password: 'Wr0ng:/@Guess' });
    expect(wrong.outcome).toBe('unauthorized');
    expect(JSON.stringify(wrong)).not.toContain('Wr0ng');
    expect(JSON.stringify(wrong)).not.toContain(encodeURIComponent('Wr0ng:/@Guess'));
  });

  it('says the address does not exist for a wrong path', async () => {
    expect(await probe('no-such-camera')).toMatchObject({ outcome: 'not_found' });
    expect(childRegistry.size).toBe(0);
  });
});
