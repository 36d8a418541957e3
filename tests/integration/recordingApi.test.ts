/**
 * Recording through the console's services and API: it starts from the settings with no window
 * open, records only what this console may show (a household camera needs the owner's consent),
 * lists segments and gaps, and locks evidence with an audited, admin-only call.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ADMIN_CALLS } from '../../main/contract/requests.js';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let fixture: RtspFixture;
let services: Services;
let folder: string;
const api = apiCalls(() => services);

const township = (url: (name: string) => string) =>
  townshipSeed(
    [villageCamera('square', url('square')), villageCamera('yard', url('yard'), { ownerKind: 'household', consent: { levels: ['village'], until: null, revoked: false } })],
    { settings: { folder, cameras: [{ cameraId: 'square', profile: 'main', days: 7 }, { cameraId: 'yard', profile: 'main', days: 7 }], quotaGb: null, minFreeGb: 0 }, locks: [] },
  );

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'square' }, { name: 'yard' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-recording-api-'));
  folder = join(dataDir, 'footage');
  services = await startServices({
    mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger,
    seed: () => township((name) => fixture.url(name)), recordingSegmentMs: 1000, recordingSweepMs: 1000,
  });
}, 30_000);
afterAll(async () => {
  await services?.close();
  await fixture?.close();
});

it('records from the settings with no window open, and only what the owner’s consent allows', async () => {
  await vi.waitFor(async () => expect((await api.call('recording.get')).recorders).toEqual([{ cameraId: 'square', profile: 'main', writing: true }]), { timeout: 15_000, interval: 200 });
  // The household yard consented to its village only; this console serves the township.
  expect(readdirSync(folder)).toEqual(['square']);
  // The wall's marks: the yard set to record, and why it is not, in the access rules' word.
  expect((await api.call('recording.get')).marks).toEqual([
    { cameraId: 'square', profile: 'main', recording: true, blocked: null },
    { cameraId: 'yard', profile: 'main', recording: false, blocked: { kind: 'refusal', refusal: 'no_consent' } },
  ]);
  const from = Date.now() - 60_000;
  await vi.waitFor(async () => expect((await api.call('recording.list', { cameraId: 'square', profile: 'main', from, to: Date.now() + 1000 })).segments.length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 250 });
  const listed = await api.call('recording.list', { cameraId: 'square', profile: 'main', from, to: Date.now() });
  expect(listed.segments[0]).toMatchObject({ file: expect.stringMatching(/^square_main_\d{8}T\d{6}Z\.mp4$/), repaired: false });
  expect(listed.segments[0]!.bytesPerSecond.length).toBeGreaterThan(0);
  expect(listed.gaps.map((gap) => gap.reason)).toEqual(['unknown']); // before recording began; none between segments
  expect(await api.refusal('recording.list', { cameraId: 'yard', profile: 'main', from, to: Date.now() })).toMatchObject({ code: 'forbidden', message: 'access:no_consent' });
}, 60_000);

it('keeps no footage of a household camera beyond what its owner’s consent allows this console', async () => {
  const owner = { name: '王大妈', contact: '13800000000' };
  const consent = (levels: ('village' | 'township')[]) => ({ cameraId: 'yard', ownerKind: 'household' as const, owner, consent: { levels, until: null, revoked: false } });
  // The owner lets the township see (and so record) the yard: it is recorded like any camera.
  await api.call('cameras.setConsent', consent(['village', 'township']));
  const yardDir = join(folder, 'yard', 'main');
  const segments = () => (existsSync(yardDir) ? readdirSync(yardDir) : []).filter((name) => name.endsWith('.mp4'));
  await vi.waitFor(() => expect(segments().length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 250 });
  // Then takes the township off: recording stops and the footage recorded under that consent goes.
  await api.call('cameras.setConsent', consent(['village']));
  await vi.waitFor(() => expect(readdirSync(yardDir)).toEqual([]), { timeout: 15_000, interval: 250 });
  expect((await api.call('recording.get')).marks.find((mark) => mark.cameraId === 'yard')).toMatchObject({ recording: false, blocked: { kind: 'refusal', refusal: 'no_consent' } });
  expect(readdirSync(join(folder, 'square', 'main')).filter((name) => name.endsWith('.mp4')).length).toBeGreaterThanOrEqual(2); // the public camera keeps its days
}, 60_000);

it('locks a time range for a case and unlocks it, admin only and audited', async () => {
  for (const call of ['recording.set', 'recording.lock', 'recording.unlock'] as const) expect(ADMIN_CALLS.has(call)).toBe(true);
  const to = Date.now();
  const lock = await api.call('recording.lock', { cameraId: 'square', from: to - 5000, to, reason: '案件 2026-118' });
  expect(lock).toMatchObject({ cameraId: 'square', reason: '案件 2026-118', by: expect.stringContaining('admin') });
  expect((await api.call('recording.get')).locks).toEqual([lock]);
  expect((await api.call('recording.list', { cameraId: 'square', profile: 'main', from: to - 60_000, to })).locks).toEqual([lock]);
  expect(await api.call('recording.unlock', { id: lock.id })).toBeNull();
  expect((await api.call('recording.get')).locks).toEqual([]);
  const audit = await api.call('audit.query', { cameraId: 'square' });
  expect(audit.map((record) => record.detail)).toEqual(expect.arrayContaining([expect.stringContaining(`recording lock ${lock.id}`), expect.stringContaining(`recording unlock ${lock.id}`)]));
  expect(await api.refusal('recording.unlock', { id: lock.id })).toMatchObject({ code: 'not_found' });
});

it('refuses bad settings with a clear error and loses nothing, and stops recording a camera taken off the list', async () => {
  const before = await api.call('recording.get');
  expect(await api.refusal('recording.set', { ...before.settings, cameras: [{ cameraId: 'nobody', profile: 'main', days: 7 }] })).toMatchObject({ code: 'not_found', message: 'camera nobody' });
  expect(await api.refusal('recording.lock', { cameraId: 'square', from: 2000, to: 1000, reason: 'x' })).toMatchObject({ code: 'bad_request' });
  expect((await api.call('recording.get')).settings).toEqual(before.settings);
  const after = await api.call('recording.set', { ...before.settings, cameras: [] });
  expect(after.recorders).toEqual([]);
  const files = readdirSync(join(folder, 'square', 'main'));
  expect(files.filter((name) => name.endsWith('.part'))).toEqual([]); // its last segment was closed whole
  expect(files.filter((name) => name.endsWith('.mp4')).length).toBeGreaterThanOrEqual(2);
});

it('moves recording to a folder an admin types, after main has checked it is a full path it can write', async () => {
  const before = await api.call('recording.get');
  const settings = { ...before.settings, cameras: [{ cameraId: 'square', profile: 'main' as const, days: 7 }] };
  expect(await api.refusal('recording.set', { ...settings, folder: 'footage-here' })).toMatchObject({ code: 'bad_request', message: 'recordingFolder:not_absolute' });
  const aFile = join(mkdtempSync(join(tmpdir(), 'vw-not-a-folder-')), 'notes.txt');
  writeFileSync(aFile, 'a file where the folder should be');
  expect(await api.failure('recording.set', { ...settings, folder: join(aFile, '录像') })).toMatchObject({ code: 'bad_request', message: 'recordingFolder:cannot_write', detail: expect.stringMatching(/ENOTDIR/) });
  expect((await api.call('recording.get')).settings).toEqual(before.settings); // nothing kept from a refused folder

  const oldSegments = () => readdirSync(join(folder, 'square', 'main')).filter((name) => name.endsWith('.mp4'));
  const kept = oldSegments();
  const elsewhere = join(mkdtempSync(join(tmpdir(), 'vw-moved-')), '新的录像');
  expect((await api.call('recording.set', { ...settings, folder: elsewhere })).settings.folder).toBe(elsewhere);
  const newDir = join(elsewhere, 'square', 'main');
  await vi.waitFor(() => expect(existsSync(newDir) && readdirSync(newDir).filter((name) => name.endsWith('.mp4')).length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 250 });
  expect(readdirSync(elsewhere).filter((name) => name.includes('probe'))).toEqual([]); // the write probe cleans up after itself
  // Old footage stays where it was, untouched; the list now reads the new folder, as the settings say.
  expect(oldSegments()).toEqual(expect.arrayContaining(kept));
  const listed = await api.call('recording.list', { cameraId: 'square', profile: 'main', from: Date.now() - 3_600_000, to: Date.now() + 1000 });
  // (the one being written is still a .part)
  expect(listed.segments.every((segment) => existsSync(join(newDir, segment.file)) || existsSync(join(newDir, `${segment.file}.part`)))).toBe(true);
  expect(listed.segments.length).toBeGreaterThanOrEqual(2);
}, 60_000);
