/**
 * relay-rtsp: a camera read as RTSP from a media server, through the console's own ffmpeg. Only
 * the URL differs from a direct camera: it is expanded from the site's template. node-media-server
 * serves no RTSP, so the real RTSP server of the engine suites (GStreamer, 127.0.0.1) stands in
 * for the relay here — the point is the template path, end to end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamStatus } from '../../preload/api.js';
import { cameraSessionSource, type RelaySettings } from '../../main/engine/source/relaySource.js';
import type { StreamEngine } from '../../main/engine/session/streamEngine.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, clientFfmpegs, waitForStatus } from './engineHarness.js';

const VIEWER = { user: 'viewer', password: 'Relay:tok@2024', method: 'digest' as const };
let fixture: RtspFixture;
const engines = new EngineHarness();

beforeAll(async () => {
  expect(FFMPEG, 'ffmpeg must be installed').not.toBeNull();
  fixture = await startRtspFixture([{ name: 'town-cam1' }, { name: 'locked', auth: VIEWER }]);
});
afterEach(() => engines.closeAll());
afterAll(() => fixture?.close());

/** Cameras whose stream name on the relay is `town-<id>`, read through the township's relay. */
function relayEngine(relay: Omit<RelaySettings, 'kind'>, relayStream: (id: string) => string = (id) => `town-${id}`): StreamEngine {
  return engines.create({}, {
    resolveSource: (cameraId, profile) =>
      cameraSessionSource('relay-rtsp', { id: cameraId, relayStream: relayStream(cameraId) }, profile, { kind: 'relay-rtsp', ...relay }, () => {
        throw new Error('not a direct camera');
      }),
  });
}

describe('relay-rtsp through a URL template', () => {
  it('plays the camera at the URL the template names', async () => {
    const engine = relayEngine({ template: 'rtsp://{host}/{stream}', host: `127.0.0.1:${fixture.port}`, token: null });
    engine.attach(avc('cam1'), new RecordingViewer());
    const live = await waitForStatus(engine, 'cam1', (s) => s.state === 'live');
    expect(live).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(clientFfmpegs()).toBe(1);
  });

  it('logs in with the token as the relay password, and never shows it', async () => {
    const seen: StreamStatus[] = [];
    const template = `rtsp://${VIEWER.user}:{token}@{host}/{stream}`;
    const good = relayEngine({ template, host: `127.0.0.1:${fixture.port}`, token: VIEWER.password }, () => 'locked');
    good.on('status', (s) => seen.push(s));
    good.attach(avc('cam1'), new RecordingViewer());
    await waitForStatus(good, 'cam1', (s) => s.state === 'live');
    const wrong = relayEngine({ template, host: `127.0.0.1:${fixture.port}`, token: 'Wrong:Token9' }, () => 'locked');
    wrong.on('status', (s) => seen.push(s));
    wrong.attach(avc('cam2'), new RecordingViewer());
    const refused = await waitForStatus(wrong, 'cam2', (s) => s.state === 'unauthorized', 10_000);
    expect(refused.detail).toContain('401');
    const text = JSON.stringify(seen);
    for (const secret of [VIEWER.password, encodeURIComponent(VIEWER.password), 'Wrong:Token9', encodeURIComponent('Wrong:Token9')]) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows a broken template as bad_url, with the reason, and starts nothing', async () => {
    const engine = relayEngine({ template: 'http://{host}/live/{stream}.flv', host: `127.0.0.1:${fixture.port}`, token: null });
    engine.attach(avc('cam1'), new RecordingViewer());
    const failed = await waitForStatus(engine, 'cam1', (s) => s.state === 'bad_url', 5000);
    expect(failed.detail).toContain('relay-rtsp needs a URL starting with rtsp://');
    expect(clientFfmpegs()).toBe(0);
  });
});
