/**
 * The stream engine against a real RTSP server (GStreamer, on 127.0.0.1) and real ffmpeg.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, GRACE_MS, RecordingViewer, avc, clientFfmpegs, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();

beforeAll(async () => {
  expect(FFMPEG, 'ffmpeg must be installed for integration tests').not.toBeNull();
  fixture = await startRtspFixture([{ name: 'cam1' }, { name: 'cam2' }]);
});
afterEach(() => engines.closeAll());
afterAll(() => fixture?.close());

describe('StreamEngine with a real RTSP camera', () => {
  it('delivers FLV starting with a header, sequence header and a keyframe, and reports live stats', async () => {
    const e = engines.create({ cam1: fixture.url('cam1') });
    const viewer = new RecordingViewer();
    e.attach(avc('cam1'), viewer);
    const live = await waitForStatus(e, 'cam1', (s) => s.state === 'live');
    // The rate and bitrate need a few frames measured first.
    const stats = () => e.statuses().find((s) => s.cameraId === 'cam1')!;
    await expect.poll(() => stats().fps ?? 0, { timeout: 5000 }).toBeGreaterThan(5);
    await expect.poll(() => stats().bitrateKbps ?? 0, { timeout: 5000 }).toBeGreaterThan(10);
    const bytes = Buffer.concat(viewer.chunks);
    expect(bytes.subarray(0, 3).toString('latin1')).toBe('FLV');
    // First tag after the 13-byte header: script (18) or video (9) sequence header.
    const firstVideo = viewer.chunks.find((c) => c[0] === 9)!;
    expect(firstVideo[11]).toBe(0x17); // keyframe + AVC
    expect(firstVideo[12]).toBe(0); // AVC sequence header
    expect(live).toMatchObject({ codec: 'h264', width: 640, height: 360 });
  });

  it('shares one ffmpeg between viewers and gives a late viewer a decodable start at once', async () => {
    const e = engines.create({ cam1: fixture.url('cam1') });
    const first = new RecordingViewer();
    const detachFirst = e.attach(avc('cam1'), first);
    await waitForStatus(e, 'cam1', (s) => s.state === 'live');
    const second = new RecordingViewer();
    const detachSecond = e.attach(avc('cam1'), second);
    // At once: the start was sent inside attach itself, not after the next bytes from the camera.
    expect(second.firstAt).not.toBeNull();
    const burst = Buffer.concat(second.chunks);
    expect(burst.subarray(0, 3).toString('latin1')).toBe('FLV');
    const frames = second.chunks.filter((c) => c[0] === 9 && c[12] === 1);
    expect(frames[0]![11]! >> 4).toBe(1); // the first frame a late viewer gets is a keyframe
    expect(e.runningPids()).toHaveLength(1);
    expect(clientFfmpegs()).toBe(1);
    detachFirst();
    detachSecond();
  });

  it('keeps ffmpeg through the grace period for a re-mounting tile, and stops it after the last viewer leaves', async () => {
    const e = engines.create({ cam1: fixture.url('cam1') });
    const detach = e.attach(avc('cam1'), new RecordingViewer());
    await waitForStatus(e, 'cam1', (s) => s.state === 'live');
    expect(clientFfmpegs()).toBe(1);
    const pids = e.runningPids();
    detach();
    const remounted = e.attach(avc('cam1'), new RecordingViewer());
    expect(e.runningPids()).toEqual(pids); // a tile re-mounting within the grace gets the same ffmpeg
    const leftAt = Date.now();
    remounted();
    const idle = await waitForStatus(e, 'cam1', (s) => s.state === 'idle', 5000);
    expect(idle.since - leftAt).toBeGreaterThanOrEqual(GRACE_MS - 50); // the timer may start a few ms before leftAt was read
    await expect.poll(clientFfmpegs, { timeout: 3000 }).toBe(0);
  });

  it.each([
    ['a wrong path', () => fixture.url('no-such-camera'), 'not_found'],
    ['a closed port', () => 'rtsp://127.0.0.1:1/cam', 'unreachable'],
  ])('names the failure for %s within seconds and leaves no ffmpeg behind', async (_name, url, expected) => {
    const e = engines.create({ bad: url() });
    e.attach(avc('bad'), new RecordingViewer());
    const failed = await waitForStatus(e, 'bad', (s) => s.state === expected, 10_000);
    expect(failed.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect(failed.detail).toBeTruthy();
    await e.close();
    expect(clientFfmpegs()).toBe(0);
  });

  it('keeps other cameras playing while one fails', async () => {
    const e = engines.create({ good: fixture.url('cam2'), bad: 'rtsp://127.0.0.1:1/cam' });
    const good = new RecordingViewer();
    e.attach(avc('good'), good);
    e.attach(avc('bad'), new RecordingViewer());
    await waitForStatus(e, 'bad', (s) => s.state === 'unreachable');
    await waitForStatus(e, 'good', (s) => s.state === 'live');
    const before = good.bytes;
    await expect.poll(() => good.bytes, { timeout: 5000 }).toBeGreaterThan(before);
  });

  it('reports ffmpeg_missing when no ffmpeg exists, without throwing', async () => {
    const e = engines.create({ cam1: fixture.url('cam1') }, { ffmpegPath: () => '/nonexistent/ffmpeg' });
    e.attach(avc('cam1'), new RecordingViewer());
    await waitForStatus(e, 'cam1', (s) => s.state === 'ffmpeg_missing', 5000);
  });

  it('never puts the password in a status', async () => {
    const url = `rtsp://admin:TopSecret77@127.0.0.1:1/cam`;
    const e = engines.create({ cam: url });
    e.attach(avc('cam'), new RecordingViewer());
    const failed = await waitForStatus(e, 'cam', (s) => s.state === 'unreachable');
    expect(JSON.stringify(failed)).not.toContain('TopSecret77');
  });
});
