/**
 * Console A reads console B's recordings: B opens its recorder API to the LAN (its own token),
 * A's township names B as its recordings source. Through A's own API and A's own /playback/get
 * (the URL its page plays), A lists B's spans and plays B's footage (ffprobe reads it), under
 * A's access rules and audit, with B's activity and gap reasons on A's timeline; a wrong token,
 * B's own refusals (its household consent, its scope), a camera B does not have, and B gone are
 * each said in their own words; B's audit keeps one record of a timeline's many lookups; export
 * says it needs local footage; the token is in none of A's logs, answers or audit records. Two
 * real consoles' services, real segments made by real ffmpeg, real sockets.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { createLogger, silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { settingsPath } from '../../main/store/confStore.js';
import { freePort } from '../fixtures/mediaServer.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { spansFromList } from '../../main/playback/remoteRecorder.js';
import { probeVideo } from '../fixtures/recordingConsoleServices.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

const T0 = Math.floor((Date.now() - 3600_000) / 1000) * 1000;
let consoleA: Services;
let consoleB: Services;
let dataA: string;
let portB: number;
let tokenB: string;
const logA: string[] = [];
const a = apiCalls(() => consoleA);
const b = apiCalls(() => consoleB);
const cameras = () => [villageCamera('square', 'rtsp://127.0.0.1:9/square'), villageCamera('yard', 'rtsp://127.0.0.1:9/yard', { ownerKind: 'household', consent: { levels: ['township'], until: T0 + 5000, revoked: false } })];
/**
 * A's copies of cameras B will not share: 'porch' (a household whose owner revoked consent at B's
 * desk, A not yet told), 'far' (outside B's scope) and 'ghost' (which B does not have).
 */
const onlyOnA = () => [villageCamera('porch', 'rtsp://127.0.0.1:9/porch'), villageCamera('far', 'rtsp://127.0.0.1:9/far'), villageCamera('ghost', 'rtsp://127.0.0.1:9/ghost')];
const onB = () => [
  villageCamera('porch', 'rtsp://127.0.0.1:9/porch', { ownerKind: 'household', consent: { levels: ['township'], until: null, revoked: true } }),
  villageCamera('far', 'rtsp://127.0.0.1:9/far', { siteId: 'hill' }),
];
/** B's activity: quiet, with a busy fourth second, and the second segment ends with the camera gone offline. */
const QUIET = 20_000;
const BUSY = 90_000;
const activity = Array.from({ length: 10 }, (_, i) => (i === 3 ? BUSY : QUIET));
const source = (token: string | null | undefined, url = `http://127.0.0.1:${portB}`) => ({ kind: 'console' as const, url, pathTemplate: '{cameraId}/{profile}', ...(token !== undefined ? { token } : {}) });

beforeAll(async () => {
  const dataB = mkdtempSync(join(tmpdir(), 'vw-remote-b-'));
  const folderB = join(dataB, 'footage');
  await writeRecordedSegments(folderB, 'square', 'main', [
    { startedAt: T0, seconds: 10, bytesPerSecond: activity },
    { startedAt: T0 + 10_000, seconds: 10, bytesPerSecond: activity, endReason: 'offline' },
    { startedAt: T0 + 30_000, seconds: 10 },
  ]);
  await writeRecordedSegments(folderB, 'yard', 'main', [{ startedAt: T0, seconds: 10 }]);
  await writeRecordedSegments(folderB, 'porch', 'main', [{ startedAt: T0, seconds: 4 }]);
  await writeRecordedSegments(folderB, 'far', 'main', [{ startedAt: T0, seconds: 4 }]);
  const seedB = () => {
    const seed = townshipSeed([...cameras(), ...onB()], { settings: { folder: folderB, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] });
    // 'hill', another township: outside B's scope (青山镇).
    return { ...seed, sites: [...seed.sites, { id: 'hill', name: '山后镇', level: 'township' as const, parentId: null, defaultPresetId: null }] };
  };
  consoleB = await startServices({ mode: 'headless', dataDir: dataB, secretBox: keyFileSecretBox(join(dataB, 'k')), log: silentLogger, seed: seedB });
  portB = await freePort();
  tokenB = (await b.call('recorderLan.set', { enabled: true, host: '127.0.0.1', port: portB })).newToken!;
  dataA = mkdtempSync(join(tmpdir(), 'vw-remote-a-'));
  consoleA = await startServices({
    mode: 'headless', dataDir: dataA, secretBox: keyFileSecretBox(join(dataA, 'k')),
    log: createLogger((line) => logA.push(line)),
    seed: () => townshipSeed([...cameras(), ...onlyOnA()], { settings: { folder: join(dataA, 'footage'), cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }),
  });
}, 60_000);
afterAll(async () => {
  await consoleA?.close();
  await consoleB?.close();
});

const probeDuration = (bytes: Buffer): number => Number(probeVideo(bytes).format.duration);

describe('console A reads console B’s recordings', () => {
  it('tests the connection, then keeps the source with its token sealed and never shown', async () => {
    const tested = await a.call('sites.testPlayback', { siteId: 'town', source: source(tokenB) });
    expect(tested).toEqual({ path: 'square/main', spans: 2, from: T0, to: T0 + 40_000 });
    const site = await a.call('sites.setPlayback', { siteId: 'town', source: source(tokenB) });
    expect(site.playback).toEqual({ kind: 'console', url: `http://127.0.0.1:${portB}`, pathTemplate: '{cameraId}/{profile}', tokenSet: true });
    const stored = readFileSync(settingsPath(dataA), 'utf8');
    expect(stored).not.toContain(tokenB);
    // Saved without a token, the stored one stays — but only for the same server.
    expect((await a.call('sites.setPlayback', { siteId: 'town', source: source(undefined) })).playback?.tokenSet).toBe(true);
    expect((await a.refusal('sites.setPlayback', { siteId: 'town', source: source(undefined, 'http://127.0.0.1:1') }))?.message).toBe('playbackSource:token_needed');
    expect((await a.refusal('sites.setPlayback', { siteId: 'town', source: source(tokenB, `http://user:pw@127.0.0.1:${portB}`) }))?.message).toBe('playbackSource:credentials');
  });

  it('lists B’s spans as A’s timeline, with B’s activity strip and the reason of the gap between them', async () => {
    const list = await a.call('recording.list', { cameraId: 'square', profile: 'main', from: T0 - 5000, to: T0 + 45_000 });
    expect(list.segments.map((s) => [s.startedAt, s.endedAt])).toEqual([[T0, T0 + 20_000], [T0 + 30_000, T0 + 40_000]]);
    expect(list.gaps.map((g) => [g.from, g.to, g.reason])).toEqual([[T0 - 5000, T0, 'unknown'], [T0 + 20_000, T0 + 30_000, 'offline'], [T0 + 40_000, T0 + 45_000, 'unknown']]);
    // B's bytes per second, a value a second over so short a range: its busy seconds where B recorded them.
    expect(list.segments[0]!.bytesPerSecond).toEqual([...activity, ...activity]);
    expect(list.segments[0]!.secondsPerValue ?? 1).toBe(1);
    expect(list.segments[1]!.bytesPerSecond).toEqual([]); // no activity in that sidecar: none made up
    // B's /list keeps MediaMTX's shape, its detail beside it for a client that knows it.
    const raw = await (await fetch(`http://127.0.0.1:${portB}/list?path=square/main&start=${new Date(T0).toISOString()}&end=${new Date(T0 + 45_000).toISOString()}`, { headers: { authorization: `Bearer ${tokenB}` } })).json();
    expect(raw[0]).toMatchObject({ start: new Date(T0).toISOString(), duration: 20, endReason: 'offline', activityStep: 1 });
    expect(spansFromList(raw)!.map((s) => [s.from, s.to])).toEqual([[T0, T0 + 20_000], [T0 + 30_000, T0 + 40_000]]);
  });

  it('words B’s own refusals in their words, not as a token B refused, with B’s code in the detail', async () => {
    const porch = await a.failure('recording.list', { cameraId: 'porch', profile: 'main', from: T0, to: T0 + 5000 });
    expect(porch).toMatchObject({ code: 'unavailable', message: 'remote:remote_no_consent', detail: 'HTTP 403 consent_revoked' });
    expect((await a.refusal('playback.open', { cameraId: 'porch', profile: 'main', at: T0 + 1000 }))?.message).toBe('remote:remote_no_consent');
    const far = await a.failure('recording.list', { cameraId: 'far', profile: 'main', from: T0, to: T0 + 5000 });
    expect(far).toMatchObject({ message: 'remote:remote_out_of_scope', detail: 'HTTP 403 out_of_scope' });
    expect((await a.refusal('playback.open', { cameraId: 'ghost', profile: 'main', at: T0 + 1000 }))?.message).toBe('remote:remote_not_found');
  });

  it('leaves one audit record at B for a timeline’s many lookups of a camera, and one for each playback', async () => {
    const lookups = async () => (await b.call('audit.query', { action: 'recorder_list', limit: 10_000 })).filter((r) => r.detail === 'square/main, LAN 127.0.0.1');
    const plays = async () => (await b.call('audit.query', { cameraId: 'square', action: 'playback_start', limit: 10_000 })).length;
    for (let i = 0; i < 20; i++) await a.call('recording.list', { cameraId: 'square', profile: 'main', from: T0 - 5000 - i * 1000, to: T0 + 45_000 });
    const written = await lookups();
    expect(written.length).toBe(1);
    expect(written[0]!.cameraId).toBe('square'); // so an admin finds them under the camera
    // Not in the household's report of who watched: a lookup shows no picture.
    expect((await b.call('audit.report', { cameraId: 'square' })).some((r) => r.action === 'recorder_list')).toBe(false);
    const before = await plays();
    const opened = await a.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 2000 });
    const got = await fetch(`${opened.url}&start=${T0 + 2000}&duration=2`);
    expect(got.status).toBe(200);
    await got.arrayBuffer();
    await a.call('playback.close', { sessionId: opened.sessionId });
    await expect.poll(plays, { timeout: 10_000 }).toBe(before + 1);
  }, 60_000);

  it('plays B’s footage through A’s own playback URL: ffprobe reads it, and the audit names the source', async () => {
    const opened = await a.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 2000 });
    expect(opened).toMatchObject({ recordedFrom: T0, recordedTo: T0 + 40_000, remote: true });
    expect(opened.url.startsWith(consoleA.server.origin)).toBe(true);
    expect(opened.url).not.toContain(String(portB));
    const got = await fetch(`${opened.url}&start=${T0 + 2000}&duration=6`);
    expect(got.status).toBe(200);
    expect(Number(got.headers.get('x-start-ms'))).toBeLessThanOrEqual(T0 + 2000);
    expect(probeDuration(Buffer.from(await got.arrayBuffer()))).toBeGreaterThan(5);
    // Inside B's gap: nothing recorded, and where it resumes.
    const gap = await fetch(`${opened.url}&start=${T0 + 24_000}&duration=2`);
    expect(gap.status).toBe(404);
    expect(gap.headers.get('x-next-ms')).toBe(String(T0 + 30_000));
    await a.call('playback.close', { sessionId: opened.sessionId });
    const stops = await a.call('audit.query', { cameraId: 'square', action: 'playback_stop' });
    expect(stops.at(-1)!.detail).toContain(`(console http://127.0.0.1:${portB}/square/main)`);
    // B audited A's reads as the recorder API's, from A's address.
    const onB = await b.call('audit.query', { cameraId: 'square', action: 'playback_start' });
    expect(onB.some((r) => r.detail?.includes('LAN 127.0.0.1'))).toBe(true);
  }, 60_000);

  it('applies A’s own rules at the recorded time: a household’s footage after its consent ended is refused by A', async () => {
    const refused = await a.refusal('playback.open', { cameraId: 'yard', profile: 'main', at: T0 + 8000 });
    expect(refused?.message).toBe('access:consent_ended_before');
  });

  it('says an export needs footage on this PC', async () => {
    expect((await a.refusal('evidence.export', { cameraIds: ['square'], profile: 'main', from: T0, to: T0 + 5000, reason: '案件' }))?.message).toBe('evidence:remote_footage');
  });

  it('words a wrong token, a path B does not have, and B gone', async () => {
    expect((await a.refusal('sites.testPlayback', { siteId: 'town', source: source('not-the-token') }))?.message).toBe('remote:remote_refused');
    const other = await a.failure('sites.testPlayback', { siteId: 'town', source: { ...source(tokenB), pathTemplate: 'other-{cameraId}/{profile}' } });
    expect(other?.message).toBe('remote:remote_not_found');
    const downPort = await freePort();
    const down = await a.failure('sites.testPlayback', { siteId: 'town', source: source(tokenB, `http://127.0.0.1:${downPort}`) });
    expect(down).toMatchObject({ code: 'unavailable', message: 'remote:remote_unreachable', detail: 'ECONNREFUSED' });
    // B closed to the LAN while A plays: the page's /get is answered with the reason, the session stays A's.
    const opened = await a.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 2000 });
    await b.call('recorderLan.set', { enabled: false, host: '127.0.0.1', port: portB });
    const got = await fetch(`${opened.url}&start=${T0 + 2000}&duration=2`);
    expect(got.status).toBe(502);
    expect((await got.json()).code).toBe('remote_unreachable');
    expect((await a.refusal('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 2000 }))?.message).toBe('remote:remote_unreachable');
    expect((await a.refusal('recording.list', { cameraId: 'square', profile: 'main', from: T0, to: T0 + 1000 }))?.message).toBe('remote:remote_unreachable');
  }, 60_000);

  it('never lets B’s token into A’s logs, answers, audit or health log', async () => {
    expect(a.seen.join('\n')).not.toContain(tokenB.slice(0, 12));
    expect(logA.join('\n')).not.toContain(tokenB.slice(0, 12));
    const files = readdirSync(join(dataA, 'logs'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(tokenB.slice(0, 12));
    const audit = await a.call('audit.query', {});
    expect(JSON.stringify(audit)).not.toContain(tokenB.slice(0, 12));
  });
});
