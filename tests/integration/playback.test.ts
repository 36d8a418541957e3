/**
 * Playback and export of recorded footage through the console's services and its stream server,
 * on real segments (made by real ffmpeg with the recorder's own arguments) and real files: /get
 * answers one ffprobe-readable fMP4 from the keyframe at or before the start, across segment
 * boundaries; keyframes only; nothing recorded says when footage resumes; a household's consent
 * must cover the recorded time; playback and export are audited; an export verifies and a changed
 * byte in its MP4 or its manifest is refused with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { verifyFolder } from '../../main/verifyEvidence.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let services: Services;
let dataDir: string;
let folder: string;
const api = apiCalls(() => services);
// Footage from an hour ago: 10 s segments at T0, +10, +20, +30, then the camera was away until +50.
const T0 = Math.floor((Date.now() - 3600_000) / 1000) * 1000;
const CONSENT_END = T0 + 6000;

// The yard's owner shared it with the township until six seconds into the footage; its footage is
// kept past that only because a case locked it (retention removes it otherwise).
const yardLock = { id: 'lock-yard', cameraId: 'yard', from: T0, to: T0 + 20_000, by: 'town admin', reason: '案件 2026-117', at: T0 };
const township = () =>
  townshipSeed(
    [villageCamera('square', 'rtsp://127.0.0.1:9/square'), villageCamera('yard', 'rtsp://127.0.0.1:9/yard', { ownerKind: 'household', consent: { levels: ['township'], until: CONSENT_END, revoked: false } })],
    { settings: { folder, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [yardLock] },
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vw-playback-'));
  folder = join(dataDir, 'footage');
  const tens = (...starts: number[]) => starts.map((s) => ({ startedAt: T0 + s * 1000, seconds: 10 }));
  await writeRecordedSegments(folder, 'square', 'main', tens(0, 10, 20, 30, 50));
  await writeRecordedSegments(folder, 'yard', 'main', tens(0, 10));
  services = await startServices({ mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger, seed: township });
}, 60_000);
afterAll(async () => {
  await services?.close();
});

interface Probed {
  frames: number;
  duration: number;
  keyframes: number;
  firstKey: boolean;
  firstDts: number;
  /** Largest step between consecutive decode times (s): a seam that was not joined shows here. */
  maxStep: number;
}

function probe(bytes: Buffer): Probed {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-probe-')), 'got.mp4');
  writeFileSync(path, bytes);
  const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_packets', '-show_entries', 'packet=dts_time,flags:format=duration', '-of', 'json', path]).toString()) as {
    packets: { dts_time: string; flags: string }[];
    format: { duration: string };
  };
  const dts = json.packets.map((p) => Number(p.dts_time));
  return {
    frames: json.packets.length,
    duration: Number(json.format.duration),
    keyframes: json.packets.filter((p) => p.flags.startsWith('K')).length,
    firstKey: json.packets[0]?.flags.startsWith('K') ?? false,
    firstDts: dts[0] ?? NaN,
    maxStep: Math.max(...dts.slice(1).map((d, i) => d - dts[i]!)),
  };
}

async function get(url: string, query: string) {
  const response = await fetch(`${url}&${query}`);
  return { status: response.status, startMs: Number(response.headers.get('x-start-ms')), nextMs: response.headers.get('x-next-ms'), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('playback of this console’s recordings', () => {
  it('serves an fMP4 from the keyframe at or before the start, whose length is the range asked', async () => {
    const { url, recordedFrom, recordedTo } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 2500 });
    expect([recordedFrom, recordedTo]).toEqual([T0, T0 + 60_000]);
    const got = await get(url, `start=${T0 + 2500}&duration=4`);
    expect(got.status).toBe(200);
    expect(got.startMs).toBe(T0 + 2000); // keyframes every second: the one at 2 s
    const probed = probe(got.bytes);
    expect(probed).toMatchObject({ firstKey: true, firstDts: 0 });
    expect(probed.duration).toBeCloseTo(4.5, 1); // 2.0 → 6.5 s
    expect(probed.frames).toBe(Math.round(4.5 * 25));
  });

  it('joins segments into one timeline across their boundary, and takes RFC 3339 starts', async () => {
    const { url } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 8500 });
    const got = await get(url, `start=${new Date(T0 + 8500).toISOString()}&duration=5&format=fmp4`);
    expect(got.startMs).toBe(T0 + 8000);
    const probed = probe(got.bytes);
    expect(probed.duration).toBeCloseTo(5.5, 1); // 8.0 → 13.5 s, through the seam at 10 s
    expect(probed.frames).toBe(Math.round(5.5 * 25));
    expect(probed.maxStep).toBeLessThan(0.05); // one frame (40 ms) apart everywhere, the seam too
  });

  it('sends only keyframes when asked, at their real times', async () => {
    const { url } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 1000 });
    const probed = probe((await get(url, `start=${T0 + 1000}&duration=12&keyframes=1`)).bytes);
    expect(probed.frames).toBe(12); // 1 s … 12 s, one per second
    expect(probed.keyframes).toBe(12);
    expect(probed.duration).toBeCloseTo(12, 1);
  });

  it('sends keyframes no closer than the spacing asked (what 16× decodes), across the seam, at their real pace', async () => {
    const { url } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 1000 });
    const probed = probe((await get(url, `start=${T0 + 1000}&duration=12&keyframes=1&spacing=2000`)).bytes);
    expect(probed.frames).toBe(6); // 1, 3, 5 … 11 s: every other one of a 1 s GOP
    expect(probed.keyframes).toBe(6);
    expect(probed.duration).toBeCloseTo(12, 1);
    expect(probed.maxStep).toBeCloseTo(2, 1);
  });

  it('answers 404 where nothing was recorded, with the time footage resumes', async () => {
    const { url } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 45_000 });
    const got = await get(url, `start=${T0 + 45_000}&duration=5`);
    expect(got.status).toBe(404);
    expect(JSON.parse(got.bytes.toString())).toEqual({ code: 'nothing_recorded' });
    expect(Number(got.nextMs)).toBe(T0 + 50_000);
  });

  it('refuses a household camera’s footage recorded after its consent ended, and stops an answer where it ended', async () => {
    expect(await api.refusal('playback.open', { cameraId: 'yard', profile: 'main', at: CONSENT_END + 1000 })).toEqual({ code: 'forbidden', message: 'access:consent_ended_before' });
    const { url } = await api.call('playback.open', { cameraId: 'yard', profile: 'main', at: T0 + 1000 });
    const after = await get(url, `start=${CONSENT_END + 1000}&duration=2`);
    expect(after.status).toBe(403);
    expect(JSON.parse(after.bytes.toString())).toEqual({ code: 'consent_ended_before' });
    const within = await get(url, `start=${T0 + 1000}&duration=20`);
    expect(probe(within.bytes).duration).toBeCloseTo((CONSENT_END - T0 - 1000) / 1000, 1);
  });

  it('refuses a URL from another launch, without its ticket, or after its session closed', async () => {
    const { url, sessionId } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 });
    const query = `start=${T0}&duration=1`;
    expect((await get(url.replace(/token=[^&]+/, 'token=from-another-launch'), query)).status).toBe(401);
    expect((await get(url.replace(/ticket=[^&]+/, 'ticket='), query)).status).toBe(403);
    expect((await get(url.replace(/&?ticket=[^&]+/, ''), query)).status).toBe(403);
    expect((await get(url, query)).status).toBe(200);
    await api.call('playback.close', { sessionId });
    const closed = await get(url, query);
    expect(closed.status).toBe(403);
    expect(JSON.parse(closed.bytes.toString())).toEqual({ code: 'session_closed' });
  });

  it('audits a playback’s start and its stop with the range watched, also when the page goes', async () => {
    const { url, sessionId } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 21_000 });
    await get(url, `start=${T0 + 21_000}&duration=3`);
    await api.call('playback.close', { sessionId });
    const { url: left } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: T0 + 31_000 });
    services.callerGone('test'); // the page or its socket went without closing
    expect((await get(left, `start=${T0 + 31_000}&duration=1`)).status).toBe(403);
    const records = await api.call('audit.query', { cameraId: 'square' });
    const iso = (at: number) => new Date(at).toISOString();
    expect(records.filter((r) => r.action === 'playback_start').map((r) => r.detail)).toEqual(expect.arrayContaining([`main ${iso(T0 + 21_000)}`, `main ${iso(T0 + 31_000)}`]));
    const stops = records.filter((r) => r.action === 'playback_stop').map((r) => r.detail);
    expect(stops).toEqual(expect.arrayContaining([`main ${iso(T0 + 21_000)} – ${iso(T0 + 24_000)}`, 'main nothing shown']));
  });
});

describe('evidence export', () => {
  it('exports 30 s into a case folder that verifies, locks the range and is audited', async () => {
    const from = T0 + 5000;
    const to = T0 + 35_000;
    const exported = await api.call('evidence.export', { cameraIds: ['square'], profile: 'main', from, to, reason: '12 月 2 日夜间自行车被盗' });
    expect(exported).toMatchObject({ files: [expect.stringMatching(/^square_main_\d{8}T\d{6}Z\.mp4$/)], manifest: 'manifest.json', locked: 1 });
    const mp4 = join(exported.folder, exported.files[0]!);
    // A plain MP4 (not fragmented), the same H.264, 30 s from the keyframe at the start.
    const format = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_name', '-of', 'json', mp4]).toString());
    expect(format.streams[0].codec_name).toBe('h264');
    expect(Number(format.format.duration)).toBeCloseTo(30, 0);
    expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format_tags=major_brand', '-of', 'csv=p=0', mp4]).toString().trim()).toBe('isom');
    const manifest = JSON.parse(readFileSync(join(exported.folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'export', from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason: '12 月 2 日夜间自行车被盗', operator: { console: expect.any(String), role: 'admin' } });
    expect(manifest.cameras[0]).toMatchObject({ cameraId: 'square', siteName: '东村', startedAt: new Date(from).toISOString(), gaps: [] });
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const caseId = exported.folder.split('/').at(-1)!;
    expect(await api.call('evidence.verify', { file: caseId })).toMatchObject({ ok: true, problem: null, checks: { media: 'present', hash: 'matches', signature: 'valid' } });
    expect((await api.call('evidence.list')).find((item) => item.file === caseId)).toMatchObject({ kind: 'export', cameraName: 'square' });
    expect((await api.call('recording.get')).locks).toEqual([yardLock, expect.objectContaining({ cameraId: 'square', from, to })]);
    const audit = await api.call('audit.query', { action: 'export' });
    expect(audit).toEqual([expect.objectContaining({ cameraId: 'square', reason: '12 月 2 日夜间自行车被盗', detail: expect.stringContaining(`${caseId}/${exported.files[0]}`) })]);

    // Offline, with the folder alone: intact, and the key's fingerprint printed for the bureau.
    const { fingerprint } = (await api.call('evidence.signingKey'))!;
    const offline = await verifyFolder(exported.folder);
    expect(offline.code).toBe(0);
    expect(offline.lines.join('\n')).toContain(fingerprint);

    // One byte changed in the MP4: refused, naming the file.
    const original = readFileSync(mp4);
    const changed = Buffer.from(original);
    changed.writeUInt8(changed.readUInt8(changed.length - 100) ^ 0x01, changed.length - 100);
    writeFileSync(mp4, changed);
    expect(await api.call('evidence.verify', { file: caseId })).toMatchObject({ ok: false, problem: 'hash_mismatch', checks: { hash: 'differs' } });
    const refusedMp4 = await verifyFolder(exported.folder);
    expect(refusedMp4.code).toBe(1);
    expect(refusedMp4.lines.join('\n')).toMatch(new RegExp(`CHANGED ${exported.files[0]}[\\s\\S]*REFUSED.*SHA-256 differs`));
    writeFileSync(mp4, original);

    // One byte changed in the manifest (the reason's date): refused, the signature no longer fits.
    const manifestPath = join(exported.folder, 'manifest.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('12 月 2 日', '12 月 3 日'));
    expect(await api.call('evidence.verify', { file: caseId })).toMatchObject({ ok: false, problem: 'bad_signature', checks: { hash: 'matches', signature: 'invalid' } });
    const refusedManifest = await verifyFolder(exported.folder);
    expect(refusedManifest.code).toBe(1);
    expect(refusedManifest.lines.at(-1)).toMatch(/REFUSED.*changed after it was signed/);
  }, 60_000);

  it('lists the gaps inside the range and refuses a household camera without a reason or beyond its consent', async () => {
    const exported = await api.call('evidence.export', { cameraIds: ['square', 'yard'], profile: 'main', from: T0 + 35_000, to: T0 + 55_000, reason: '案件 2026-118' }).catch((e: Error) => e);
    // The yard's consent ended at 6 s: exporting 35–55 s of it is refused, and nothing is written.
    expect(exported).toBeInstanceOf(Error);
    expect(await api.refusal('evidence.export', { cameraIds: ['yard'], profile: 'main', from: T0, to: T0 + 5000 })).toEqual({ code: 'forbidden', message: 'access:reason_required' });
    const square = await api.call('evidence.export', { cameraIds: ['square'], profile: 'main', from: T0 + 35_000, to: T0 + 55_000, reason: '案件 2026-118' });
    const manifest = JSON.parse(readFileSync(join(square.folder, 'manifest.json'), 'utf8'));
    expect(manifest.cameras[0].gaps).toEqual([{ from: new Date(T0 + 40_000).toISOString(), to: new Date(T0 + 50_000).toISOString(), reason: 'unknown' }]);
    const yard = await api.call('evidence.export', { cameraIds: ['yard'], profile: 'main', from: T0, to: T0 + 5000, reason: '案件 2026-118' });
    expect(yard.files).toHaveLength(1);
  }, 60_000);
});

describe('the recorder in MediaMTX’s playback shape', () => {
  const base = () => services.server.origin;
  it('lists recorded spans and serves /get to a holder of the token, for what this console may show', async () => {
    const headers = { authorization: `Bearer ${services.server.token}` };
    const spans = await (await fetch(`${base()}/list?path=square/main`, { headers })).json();
    expect(spans.map((s: { start: string; duration: number }) => [s.start, s.duration])).toEqual([[new Date(T0).toISOString(), 40], [new Date(T0 + 50_000).toISOString(), 10]]);
    const got = await fetch(spans[1].url, { headers });
    expect(got.status).toBe(200);
    expect(Number(got.headers.get('x-start-ms'))).toBe(T0 + 50_000);
    expect(probe(Buffer.from(await got.arrayBuffer())).duration).toBeCloseTo(10, 1);
    // The yard's footage is listed as far as its owner's consent covered it.
    const yard = await (await fetch(`${base()}/list?path=yard/main&token=${services.server.token}`)).json();
    expect(yard.map((s: { duration: number }) => s.duration)).toEqual([6]);
    expect((await fetch(`${base()}/list?path=square/main`)).status).toBe(401);
    expect((await fetch(`${base()}/get?path=square/main&start=${T0}&duration=1&token=another-launch`)).status).toBe(401);
    expect((await fetch(`${base()}/list?path=nobody/main&token=${services.server.token}`)).status).toBe(404);
    const audit = await api.call('audit.query', { cameraId: 'square', action: 'playback_stop' });
    expect(audit.map((r) => r.detail)).toContain(`main ${new Date(T0 + 50_000).toISOString()} – ${new Date(T0 + 60_000).toISOString()} (/get)`);
  });
});
