/**
 * relay-flv against a real media server: node-media-server on 127.0.0.1 with play tokens, test
 * cameras published into it over RTMP by ffmpeg. The console pulls HTTP-FLV and WS-FLV itself,
 * with no local ffmpeg, through the same session as an RTSP camera.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamStatus } from '../../preload/api.js';
import { probeFlvPull } from '../../main/engine/source/flvPullProbe.js';
import { cameraSessionSource, relayFor, type RelaySite } from '../../main/engine/source/relaySource.js';
import type { StreamEngine } from '../../main/engine/session/streamEngine.js';
import { startMediaServer, type MediaServer } from '../fixtures/mediaServer.js';
import { EngineHarness, GRACE_MS, RecordingViewer, avc, clientFfmpegs, waitForStatus } from './engineHarness.js';

let relay: MediaServer;
const engines = new EngineHarness();
const HTTP_FLV = 'http://{host}/live/{stream}.flv?sign={token}';
const WS_FLV = 'ws://{host}/live/{stream}.flv?sign={token}';

beforeAll(async () => {
  relay = await startMediaServer();
  await Promise.all([relay.publish('cam1'), relay.publish('cam2')]);
});
afterEach(() => engines.closeAll());
afterAll(() => relay?.close());

/** A township whose relay serves its villages; every camera sits in a village below it. */
function relayEngine(template: string, token: (stream: string) => string | null = (s) => relay.sign(s), host = relay.host): StreamEngine {
  return engines.create({}, {
    resolveSource: (cameraId, profile) => {
      const sites: RelaySite[] = [
        { id: 'town', parentId: null, relay: { kind: 'relay-flv', template, host, token: token(cameraId) } },
        { id: 'village', parentId: 'town' },
      ];
      return cameraSessionSource('relay-flv', { id: cameraId }, profile, relayFor(sites, 'village', 'relay-flv'), () => {
        throw new Error('not a direct camera');
      });
    },
    // No ffmpeg at all: a relay-flv camera must not need one.
    ffmpegPath: () => null,
  });
}

const framesIn = (viewer: RecordingViewer) => viewer.chunks.filter((c) => c[0] === 9 && c[12] === 1);
const timestamps = (viewer: RecordingViewer) => framesIn(viewer).map((c) => (c.readUIntBE(4, 3) | (c[7]! << 24)) >>> 0);

describe('relay-flv through a real media server', () => {
  it.each([
    ['HTTP-FLV', HTTP_FLV],
    ['WS-FLV', WS_FLV],
  ])('plays a camera published to the relay over %s, with no local ffmpeg', async (_name, template) => {
    const engine = relayEngine(template);
    const viewer = new RecordingViewer();
    engine.attach(avc('cam1'), viewer);
    const live = await waitForStatus(engine, 'cam1', (s) => s.state === 'live');
    expect(live).toMatchObject({ codec: 'h264', width: 640, height: 360, transcoding: false });
    // The rate needs a few frames measured first.
    await expect.poll(() => engine.statuses().find((s) => s.cameraId === 'cam1')!.fps ?? 0, { timeout: 5000 }).toBeGreaterThan(5);
    const head = Buffer.concat(viewer.chunks);
    expect(head.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(head[4]).toBe(0x01); // video only: the player must not wait for audio we never forward
    const firstVideo = viewer.chunks.find((c) => c[0] === 9)!;
    expect(firstVideo[11]).toBe(0x17); // keyframe + AVC
    expect(firstVideo[12]).toBe(0); // AVC sequence header
    expect(engine.runningPids()).toEqual([]);
    expect(clientFfmpegs()).toBe(0);
  });

  it('serves two viewers from one pull, keeps it for a re-mounting tile, and closes it after the grace period', async () => {
    const engine = relayEngine(HTTP_FLV);
    const first = new RecordingViewer();
    const detachFirst = engine.attach(avc('cam2'), first);
    await waitForStatus(engine, 'cam2', (s) => s.state === 'live');
    const second = new RecordingViewer();
    const detachSecond = engine.attach(avc('cam2'), second);
    // At once: the start was sent inside attach itself, not after the next bytes from the relay.
    expect(framesIn(second).length).toBeGreaterThan(0);
    expect(framesIn(second)[0]![11]! >> 4).toBe(1); // a late viewer starts on a keyframe
    expect(relay.clientConnections()).toBe(1);
    detachFirst();
    detachSecond();
    const remounted = new RecordingViewer();
    const detachRemounted = engine.attach(avc('cam2'), remounted);
    expect(framesIn(remounted).length).toBeGreaterThan(0); // within grace: the same pull, its picture at once
    expect(relay.clientConnections()).toBe(1);
    const leftAt = Date.now();
    detachRemounted();
    const idle = await waitForStatus(engine, 'cam2', (s) => s.state === 'idle', 5000);
    expect(idle.since - leftAt).toBeGreaterThanOrEqual(GRACE_MS - 50); // the timer may start a few ms before leftAt was read
    await expect.poll(() => relay.clientConnections(), { timeout: 3000 }).toBe(0);
  });

  it('says not_found when the relay answers 404', async () => {
    const engine = relayEngine('http://{host}/no/such/{stream}.flv');
    engine.attach(avc('cam1'), new RecordingViewer());
    const failed = await waitForStatus(engine, 'cam1', (s) => s.state === 'not_found', 10_000);
    expect(failed.detail).toContain('404');
    expect(failed.retryAt).toBeGreaterThan(Date.now() - 1000);
  });

  it('says unreachable when no relay listens there', async () => {
    const engine = relayEngine(HTTP_FLV, undefined, '127.0.0.1:1');
    engine.attach(avc('cam1'), new RecordingViewer());
    const failed = await waitForStatus(engine, 'cam1', (s) => s.state === 'unreachable', 10_000);
    expect(failed.detail).toContain('ECONNREFUSED');
  });

  it('never puts the token in a status, whether the relay takes it or refuses it', async () => {
    const seen: StreamStatus[] = [];
    const goodToken = relay.sign('cam1');
    const good = relayEngine(WS_FLV, () => goodToken);
    good.on('status', (s) => seen.push(s));
    good.attach(avc('cam1'), new RecordingViewer());
    await waitForStatus(good, 'cam1', (s) => s.state === 'live');
    const wrongToken = `${Math.floor(Date.now() / 1000) + 3600}-0123456789abcdef0123456789abcdef`;
    const refused = relayEngine(HTTP_FLV, () => wrongToken);
    refused.on('status', (s) => seen.push(s));
    refused.attach(avc('cam2'), new RecordingViewer());
    // node-media-server answers a bad sign by closing the stream at once (no 401).
    const failed = await waitForStatus(refused, 'cam2', (s) => s.state === 'reconnecting', 10_000);
    expect(failed.detail).toContain('sign=***');
    const text = JSON.stringify(seen);
    expect(text).not.toContain(wrongToken);
    expect(text).not.toContain(goodToken);
    expect(text).not.toContain(goodToken.split('-')[1]); // nor its signature alone
  });

  it('heals when the camera is published again, and open viewers continue on one timeline', async () => {
    await relay.publish('flap');
    const engine = relayEngine(HTTP_FLV);
    const viewer = new RecordingViewer();
    engine.attach(avc('flap'), viewer);
    await waitForStatus(engine, 'flap', (s) => s.state === 'live');
    await relay.unpublish('flap');
    const gone = await waitForStatus(engine, 'flap', (s) => s.state !== 'live', 10_000);
    expect(['stalled', 'reconnecting']).toContain(gone.state);
    const framesBefore = framesIn(viewer).length;
    const backAt = Date.now();
    await relay.publish('flap');
    await waitForStatus(engine, 'flap', (s) => s.state === 'live', 40_000);
    console.log(`[figure] relay-flv: ${gone.state} when the publisher left; live again ${Date.now() - backAt} ms after it came back`);
    await expect.poll(() => framesIn(viewer).length, { timeout: 5000 }).toBeGreaterThan(framesBefore + 10);
    expect(viewer.ended).toBe(false);
    const stamps = timestamps(viewer);
    expect(stamps.every((t, i) => i === 0 || t >= stamps[i - 1]!)).toBe(true);
  }, 90_000);
});

describe('"Test connection" for relay-flv', () => {
  it('reports codec, size and rate from the relay stream', async () => {
    const report = await probeFlvPull(`http://${relay.host}/live/cam1.flv?sign=${relay.sign('cam1')}`, null, 8000);
    expect(report).toMatchObject({ outcome: 'ok', codec: 'h264', width: 640, height: 360 });
    expect(report.fps).toBeCloseTo(15, 0);
  });

  it('names a relay that answers without a picture, a wrong path and a missing relay', async () => {
    const unpublished = await probeFlvPull(`ws://${relay.host}/live/nobody.flv?sign=${relay.sign('nobody')}`, null, 3000);
    expect(unpublished.outcome).toBe('no_video'); // node-media-server holds an unpublished stream open
    expect((await probeFlvPull(`http://${relay.host}/no/such/cam1.flv`, null, 5000)).outcome).toBe('not_found');
    expect((await probeFlvPull('http://127.0.0.1:1/live/cam1.flv', null, 5000)).outcome).toBe('unreachable');
  });

  it('keeps the token out of its report', async () => {
    const token = 'Tk-VerySecret-42';
    const report = await probeFlvPull(`http://${relay.host}/no/such/cam1.flv?token=${token}`, token, 5000);
    expect(JSON.stringify(report)).not.toContain(token);
    expect(relay.clientConnections()).toBe(0);
  });
});
