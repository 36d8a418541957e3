/**
 * Secrets and what a camera address may reach, through the API as the page uses it: a saved
 * password or relay token stays with the host it was typed for, preset files carry no sealed
 * token and cannot smuggle in an address ffmpeg should not open, nor can the settings file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { demoSiteData } from '../domain/demoSite.js';
import type { StoredCamera, StoredData } from '../domain/model.js';
import { buildBundle } from '../domain/presetBundle.js';
import { camera as storedCamera } from '../domain/testData.js';
import { silentLogger } from '../lib/logger.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox } from '../store/secretBox.js';
import { apiCalls } from './testCalls.js';

let services: Services;
const { call, failure, seen } = apiCalls(() => services);

const camera = (id: string, mainUrl: string, fields: Partial<StoredCamera> = {}) => storedCamera(id, 'village-dong', { mainUrl, ...fields });

/** A settings file written by hand (or by an older console) with addresses the add form refuses. */
function seed(): StoredData {
  const data = demoSiteData();
  return {
    ...data,
    cameras: [...data.cameras, camera('bad-file', 'file:///etc/passwd'), camera('bad-http', 'http://127.0.0.1:9/admin'), camera('bad-demo', "demo:x',movie=/etc/passwd")],
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-secrets-'));
  services = await startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'k')), log: silentLogger, seed });
});
afterAll(() => services.close());

describe('a saved password stays with its camera', () => {
  it('is not kept when an edit points the camera at another host or port; the camera is left as it was', async () => {
    const added = await call('cameras.add', { name: '水库', siteId: 'village-dong', mainUrl: 'rtsp://192.0.2.50/ch1', username: 'admin', password: 'Stay#Pw1' });
    const before = services.repo.data.cameras.find((c) => c.id === added.id)!;
    const form = { id: added.id, name: '水库', siteId: 'village-dong', mainUrl: 'rtsp://203.0.113.9/ch1', username: 'admin', password: '' };
    expect(await failure('cameras.update', form)).toMatchObject({ code: 'bad_request', message: 'password:host_changed' });
    expect(services.repo.data.cameras.find((c) => c.id === added.id)).toEqual(before);
    expect(await call('cameras.update', { ...form, password: 'New#Pw2' })).toMatchObject({ mainUrl: 'rtsp://203.0.113.9/ch1', passwordSet: true });
  });

  it('typed into the query string is sealed and never shown', async () => {
    const added = await call('cameras.add', { name: '桥头', siteId: 'village-dong', mainUrl: 'rtsp://192.0.2.51/live?user=admin&password=Query%23Pw3&channel=1' });
    expect(added).toMatchObject({ mainUrl: 'rtsp://192.0.2.51/live?user=admin&password=&channel=1', passwordSet: true });
    expect(JSON.stringify(services.repo.data)).not.toMatch(/Query#Pw3|Query%23Pw3/);
  });
});

describe('a relay token stays with its media server', () => {
  const relay = { kind: 'relay-rtsp' as const, template: 'rtsp://viewer:{token}@{host}:8554/{stream}', host: '10.8.0.2' };

  it('is kept for another template on the same server, and not sent to another server or port', async () => {
    await call('sites.setRelay', { siteId: 'town-qingshan', relay: { ...relay, token: 'Relay#Tok1' } });
    const sealed = services.repo.data.sites.find((s) => s.id === 'town-qingshan')!.relay!.tokenSealed;
    expect(await call('sites.setRelay', { siteId: 'town-qingshan', relay: { ...relay, template: 'rtsp://viewer:{token}@{host}:8554/live/{stream}' } })).toMatchObject({ relay: { tokenSet: true } });
    expect(await failure('sites.setRelay', { siteId: 'town-qingshan', relay: { ...relay, host: '203.0.113.7' } })).toMatchObject({ code: 'bad_request', message: 'token:host_changed' });
    expect(await failure('sites.setRelay', { siteId: 'town-qingshan', relay: { ...relay, template: 'rtsp://viewer:{token}@{host}:9554/{stream}' } })).toMatchObject({ message: 'token:host_changed' });
    expect(services.repo.data.sites.find((s) => s.id === 'town-qingshan')!.relay!.tokenSealed).toBe(sealed);
    expect(await call('sites.setRelay', { siteId: 'town-qingshan', relay: { ...relay, host: '203.0.113.7', token: null } })).toMatchObject({ relay: { tokenSet: false } });
  });
});

describe('preset files', () => {
  const presetOn = (tiles: string[]) => ({ id: 'p-shared', name: '共享', siteId: 'town-qingshan', wall: { layout: namedLayout('4')!, tiles: [...tiles, ...Array<null>(4 - tiles.length).fill(null)] }, tour: null });

  it('carry no sealed relay token', async () => {
    await call('sites.setRelay', { siteId: 'town-qingshan', relay: { kind: 'relay-flv', template: 'ws://{host}/live/{stream}.live.flv', host: '10.8.0.3', token: 'Export#Tok' } });
    const preset = await call('presets.save', { name: '导出', siteId: 'town-qingshan', wall: { layout: namedLayout('1')!, tiles: ['demo-dong-1'] } });
    const file = await call('presets.export', { presetIds: [preset.id] });
    expect(file.json).toContain('10.8.0.3');
    expect(file.json).not.toContain('gcm1:');
    expect(JSON.parse(file.json).content.sites.find((s: { id: string }) => s.id === 'town-qingshan').relay.tokenSealed).toBeNull();
  });

  it.each([
    ['file:///etc/passwd', 'mainUrl:scheme'],
    ['http://127.0.0.1/admin', 'mainUrl:scheme'],
    ["demo:x',movie=/etc/passwd", 'mainUrl:demo_pattern'],
  ])('refuse a camera at %s, saying which one, and change nothing', async (url, problem) => {
    const data = { ...services.repo.data, cameras: [camera('cam-smuggled', url, { name: '外来' })], presets: [presetOn(['cam-smuggled'])] };
    const { json } = buildBundle(data, ['p-shared'], new Date(0).toISOString());
    const before = JSON.stringify(services.repo.data);
    for (const channel of ['presets.importPreview', 'presets.importApply'] as const) {
      const refused = await failure(channel, { json });
      expect(refused).toMatchObject({ code: 'bad_request', message: 'file:bad_camera_url' });
      expect(refused?.detail).toContain('外来');
      expect(refused?.detail).toContain(problem);
    }
    expect(JSON.stringify(services.repo.data)).toBe(before);
  });

  it('bring in a relay without the sender’s sealed token, and refuse a relay address that is not a media server', async () => {
    const base = services.repo.data;
    const site = { id: 'town-far', name: '远乡', level: 'township' as const, parentId: null, defaultPresetId: null };
    const sealedElsewhere = { kind: 'relay-rtsp' as const, template: 'rtsp://viewer:{token}@{host}:8554/{stream}', host: '10.9.0.2', tokenSealed: 'gcm1:ZnJvbS1hbm90aGVyLWNvbnNvbGU=' };
    const preset = { ...presetOn([]), id: 'p-far', siteId: 'town-far' };
    const ok = buildBundle({ ...base, sites: [{ ...site, relay: sealedElsewhere }], presets: [preset] }, ['p-far'], new Date(0).toISOString());
    await call('presets.importApply', { json: ok.json });
    expect(services.repo.data.sites.find((s) => s.id === 'town-far')!.relay).toMatchObject({ host: '10.9.0.2', tokenSealed: null });

    const bad = { ...sealedElsewhere, kind: 'relay-flv' as const, template: 'file:///etc/{stream}.flv' };
    const refused = buildBundle({ ...base, sites: [{ ...site, id: 'town-bad', relay: bad }], presets: [{ ...preset, id: 'p-bad', siteId: 'town-bad' }] }, ['p-bad'], new Date(0).toISOString());
    expect(await failure('presets.importPreview', { json: refused.json })).toMatchObject({ code: 'bad_request', message: 'file:bad_relay' });
  });
});

describe('the settings file', () => {
  it.each(['bad-file', 'bad-http', 'bad-demo'])('keeps camera %s from ffmpeg, and the other cameras play', async (cameraId) => {
    const report = await call('cameras.probe', { cameraId });
    expect(report).toMatchObject({ outcome: 'bad_url', elapsedMs: 0 });
  });

  it('still plays the cameras next to them', async () => {
    expect(await call('cameras.probe', { cameraId: 'demo-dong-1' })).toMatchObject({ outcome: 'ok' });
  });
});

describe('what leaves main', () => {
  it('never carries a password or a token', () => {
    for (const secret of ['Stay#Pw1', 'New#Pw2', 'Query#Pw3', 'Relay#Tok1', 'Export#Tok']) expect(seen.join('\n')).not.toContain(secret);
  });
});
