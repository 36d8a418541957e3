/**
 * The contract test: every channel of preload/api.ts has a handler, every handler refuses a bad
 * payload with `bad_request`, and nothing a handler throws escapes as an exception.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../preload/api.js';
import { CALLS } from '../contract/requests.js';
import { namedLayout } from '../../preload/layouts.js';
import { silentLogger } from '../lib/logger.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox } from '../store/secretBox.js';
import { createHandlers } from './handlers.js';

/** A payload each call must refuse; calls without a payload refuse an unexpected one. */
const BAD: Record<Channel, unknown> = {
  'app.info': { unexpected: true },
  'sites.list': 42,
  'cameras.list': 'x',
  'cameras.add': { name: '', mainUrl: 'rtsp://192.0.2.1/a' },
  'cameras.remove': { id: '../etc/passwd' },
  'wall.get': [],
  'wall.set': { layout: { id: 'x', rows: 2, cols: 2, tiles: [{ row: 0, col: 0, rowSpan: 3, colSpan: 1 }] }, tiles: [null] },
  'presets.list': { page: 2 },
  'presets.save': { name: '夜班', siteId: 'town-qingshan', wall: { layout: namedLayout('4'), tiles: [null] } },
  'presets.remove': {},
  'stream.open': { cameraId: 'demo-dong-1', profile: 'hd' },
  'stream.statuses': { all: true },
  'sites.save': { name: '新村', level: 'hamlet', parentId: null },
  'sites.remove': { id: 'a/b' },
  'sites.setDefaultPreset': { siteId: 'town-qingshan' },
  'cameras.update': { id: 'demo-dong-1', name: '', mainUrl: 'rtsp://192.0.2.1/a' },
  'cameras.probe': {},
  'presets.rename': { id: 'p1', name: ' ' },
  'presets.export': { presetIds: [] },
  'presets.importPreview': { json: '' },
  'presets.importApply': { json: '{}', choices: { cam: 'both' } },
  'import.template': { csv: true },
  'import.preview': { fileName: 'a.csv', base64: '!!!', townshipId: 'town-qingshan' },
  'import.probe': { previewId: 'x', line: 1 },
  'import.commit': { previewId: 'x', lines: 'all' },
  'access.state': { role: 'admin' },
  'access.unlock': { pin: '12' },
  'access.lock': 1,
  'access.setPin': { pin: 'abcd' },
  'access.setScope': { siteId: '../x' },
  'access.scopeChoices': { all: 1 },
  'cameras.setConsent': { cameraId: 'demo-dong-1', ownerKind: 'household', owner: null, consent: { levels: ['province'], until: null, revoked: false } },
  'audit.query': { limit: 0 },
  'audit.verify': 'now',
  'audit.report': { cameraId: '../x' },
  'operators.list': { all: 1 },
  'operators.save': { name: '', badge: '警 1', unit: '', admin: 'no', disabled: false },
  'operators.setReportNames': { reportNames: 'initials' },
  'evidence.snapshot': { cameraId: '' },
  'evidence.clipStart': {},
  'evidence.clipStop': { clipId: 'a/b' },
  'evidence.list': [1],
  'evidence.verify': { file: '../../etc/passwd' },
  'evidence.signingKey': { private: true },
  'evidence.preview': { file: 'a/../../secret.key' },
  'evidence.reveal': { file: '.ssh' },
  'evidence.copyOut': { files: [], folder: '/media/usb' },
  'health.log': { lines: -1 },
  'unattended.get': 'x',
  'unattended.set': { walls: [{ index: 9 }], startAtLogin: 'yes' },
  'displays.list': { all: true },
  'recording.get': { all: true },
  'recording.set': { folder: '', cameras: [{ cameraId: 'demo-dong-1', profile: 'side', days: 0 }], quotaGb: -1, minFreeGb: 1 },
  'recording.list': { cameraId: 'demo-dong-1', profile: 'main', from: 10, to: 5 },
  'recording.lock': { cameraId: 'demo-dong-1', from: 0, to: 1000, reason: '' },
  'recording.unlock': { id: '../lock' },
  'playback.open': { cameraId: 'demo-dong-1', profile: 'main', at: -1 },
  'playback.close': { sessionId: '../x' },
  'recorderLan.get': { extra: true },
  'recorderLan.set': { enabled: true, host: 'every-address', port: 9996 },
  'recorderLan.rotateToken': 'now',
  'evidence.export': { cameraIds: ['demo-dong-1'], profile: 'main', from: 2000, to: 1000 },
  'budget.get': 5,
  'budget.setRule': { auto: 'yes', maxFullRate: -1 },
  'budget.pin': { cameraId: '../x', pinned: 1 },
  'sites.setRelay': { siteId: 'town-qingshan', relay: { kind: 'relay-hls', template: 'x', host: 'h' } },
  'cameras.setSource': { cameraId: 'demo-dong-1', source: 'cloud' },
  'sites.setPlayback': { siteId: 'town-qingshan', source: { kind: 'nvr', url: 'http://x', pathTemplate: '{cameraId}' } },
  'sites.testPlayback': { siteId: 'town-qingshan', source: null },
  'stream.setMode': { viewerId: 'x', mode: 'slow' },
  'stream.still': { cameraId: 'demo-dong-1' },
  'health.load': { now: 1 },
};

let services: Services;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-contract-'));
  services = await startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'k')), log: silentLogger });
});
afterAll(() => services.close());

describe('the API contract', () => {
  it('has exactly one handler per channel of api.ts', () => {
    const table = createHandlers({} as never);
    expect(Object.keys(table).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(CALLS).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS)('%s refuses a bad payload with bad_request', async (channel) => {
    const result = await services.dispatch(channel, BAD[channel], 'test');
    expect(result).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('refuses an unknown channel', async () => {
    expect(await services.dispatch('cameras.dropAll', undefined, 'test')).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('adds a camera, never returning its password, and names the field of a bad URL', async () => {
    const bad = await services.dispatch('cameras.add', { name: '村口', mainUrl: 'http://192.0.2.1/x' }, 'test');
    expect(bad).toEqual({ ok: false, code: 'bad_request', message: 'mainUrl:scheme' });
    const added = await services.dispatch('cameras.add', { name: '村口', mainUrl: 'rtsp://admin:Secret99@192.0.2.1/x' }, 'test');
    expect(added.ok).toBe(true);
    expect(JSON.stringify(added)).not.toContain('Secret99');
    expect(added).toMatchObject({ value: { mainUrl: 'rtsp://192.0.2.1/x', username: 'admin', passwordSet: true } });
    const stored = JSON.stringify(services.repo.data);
    expect(stored).not.toContain('Secret99');
  });

  it('refuses a wall that names an unknown camera, keeping the wall it had', async () => {
    const before = services.repo.data.wall;
    expect(await services.dispatch('wall.set', { layout: namedLayout('1'), tiles: ['no-such-camera'] }, 'test')).toMatchObject({ ok: false, code: 'not_found' });
    expect(services.repo.data.wall).toEqual(before);
  });

  it('saves a preset for a township, refuses one for a village, and forgets a removed camera in it', async () => {
    const wall = { layout: namedLayout('4')!, tiles: ['demo-dong-1', 'demo-xi-1', null, null] };
    const village = await services.dispatch('presets.save', { name: '东村', siteId: 'village-dong', wall }, 'test');
    expect(village).toMatchObject({ ok: false, code: 'bad_request', message: 'siteId:preset_owner' });
    const saved = await services.dispatch('presets.save', { name: '夜班', siteId: 'town-qingshan', wall, tour: { kind: 'pages', cameraIds: ['demo-xi-1'], dwellSeconds: 10 } }, 'test');
    expect(saved).toMatchObject({ ok: true, value: { name: '夜班', tour: { kind: 'pages' } } });
    expect(await services.dispatch('cameras.remove', { id: 'demo-xi-1' }, 'test')).toEqual({ ok: true, value: null });
    const [preset] = services.repo.data.presets;
    expect(preset!.wall.tiles).toEqual(['demo-dong-1', null, null, null]);
    expect(preset!.tour).toBeNull();
  });

  it('hands out a loopback stream URL carrying the launch token', async () => {
    const result = await services.dispatch('stream.open', { cameraId: 'demo-dong-1', profile: 'sub' }, 'test');
    expect(result).toEqual({
      ok: true,
      value: { type: 'flv', viewerId: expect.any(String), url: expect.stringMatching(new RegExp(`^ws://127\\.0\\.0\\.1:${services.server.port}/stream/demo-dong-1/main\\?token=${services.server.token}&ticket=[\\w-]+$`)) },
    });
    const hevc = await services.dispatch('stream.open', { cameraId: 'demo-dong-1', profile: 'main', hevc: true }, 'test');
    expect(hevc).toMatchObject({ ok: true, value: { url: expect.stringContaining('&hevc=1') } });
  });
});
