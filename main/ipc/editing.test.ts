/**
 * Editing through the API, as the page does it: sites, cameras (the sealed password kept unless a
 * new one is typed), connection tests, and presets renamed, made default, exported and imported.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { silentLogger } from '../lib/logger.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox } from '../store/secretBox.js';
import { apiCalls } from './testCalls.js';

let services: Services;
const { call, refusal, seen } = apiCalls(() => services);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-editing-'));
  services = await startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'k')), log: silentLogger });
});
afterAll(() => services.close());

describe('sites', () => {
  it('adds a village under the township, renames and moves it', async () => {
    const village = await call('sites.save', { name: '北村', level: 'village', parentId: 'town-qingshan' });
    expect(village).toMatchObject({ name: '北村', level: 'village', parentId: 'town-qingshan', defaultPresetId: null });
    const station = await call('sites.save', { name: '青山派出所', level: 'station', parentId: 'bureau-demo' });
    const moved = await call('sites.save', { id: village.id, name: '北村新', level: 'village', parentId: station.id });
    expect(moved).toMatchObject({ id: village.id, name: '北村新', parentId: station.id });
    expect(await refusal('sites.save', { id: station.id, name: 'x', level: 'station', parentId: village.id })).toEqual({ code: 'bad_request', message: 'parentId:cycle' });
  });

  it('refuses removing a village with cameras unless asked, then takes them along', async () => {
    expect(await refusal('sites.remove', { id: 'village-nan' })).toEqual({ code: 'conflict', message: 'site:not_empty' });
    expect(await call('sites.remove', { id: 'village-nan', withContents: true })).toEqual({ sites: 1, cameras: 3, presets: 0 });
    expect((await call('cameras.list')).some((c) => c.siteId === 'village-nan')).toBe(false);
    expect((await call('wall.get')).tiles.filter((t) => t?.startsWith('demo-nan'))).toEqual([]);
  });
});

describe('cameras', () => {
  it('keeps the sealed password through an edit with a blank password, and clears it when asked', async () => {
    const added = await call('cameras.add', { name: '水库', siteId: 'village-dong', mainUrl: 'rtsp://192.0.2.50/ch1', username: 'admin', password: 'Kept#Pw1' });
    const sealed = services.repo.data.cameras.find((c) => c.id === added.id)!.passwordSealed;
    const form = { id: added.id, name: '水库大坝', siteId: 'village-xi', mainUrl: 'rtsp://192.0.2.50/ch1', subUrl: '', username: 'admin', password: '', ownerKind: 'household' as const, tags: ['水利'] };
    const edited = await call('cameras.update', form);
    expect(edited).toMatchObject({ name: '水库大坝', siteId: 'village-xi', passwordSet: true, ownerKind: 'household', tags: ['水利'] });
    expect(services.repo.data.cameras.find((c) => c.id === added.id)!.passwordSealed).toBe(sealed);
    expect(await call('cameras.update', { ...form, clearPassword: true })).toMatchObject({ passwordSet: false });
    expect(await refusal('cameras.update', { ...form, mainUrl: 'http://192.0.2.50/' })).toEqual({ code: 'bad_request', message: 'mainUrl:scheme' });
    expect(await refusal('cameras.update', { ...form, id: 'cam-none' })).toMatchObject({ code: 'not_found' });
  });

  it('tests the connection of a stored camera and of a form that is not saved yet', async () => {
    expect(await call('cameras.probe', { cameraId: 'demo-dong-1' })).toMatchObject({ outcome: 'ok', codec: 'h264', width: 640 });
    const unsaved = await call('cameras.probe', { mainUrl: 'rtsp://127.0.0.1:1/x', username: 'admin', password: 'Form#Secret' });
    expect(unsaved.outcome).toBe('unreachable');
    expect(await refusal('cameras.probe', { mainUrl: 'ftp://x' })).toEqual({ code: 'bad_request', message: 'mainUrl:scheme' });
  });
});

describe('presets', () => {
  it('renames a preset, makes it the township default, and forgets the default when it is removed', async () => {
    const wall = { layout: namedLayout('4')!, tiles: ['demo-dong-1', 'demo-xi-1', null, null] };
    const preset = await call('presets.save', { name: '白班', siteId: 'town-qingshan', wall });
    expect(await call('presets.rename', { id: preset.id, name: '早班' })).toMatchObject({ id: preset.id, name: '早班' });
    expect(await call('sites.setDefaultPreset', { siteId: 'town-qingshan', presetId: preset.id })).toMatchObject({ defaultPresetId: preset.id });
    expect(await refusal('sites.setDefaultPreset', { siteId: 'village-dong', presetId: preset.id })).toEqual({ code: 'bad_request', message: 'siteId:preset_owner' });
    await call('presets.remove', { id: preset.id });
    expect((await call('sites.list')).find((s) => s.id === 'town-qingshan')!.defaultPresetId).toBeNull();
  });

  it('exports presets without passwords and imports them back, refusing a damaged file', async () => {
    await call('cameras.add', { name: '路灯', siteId: 'village-dong', mainUrl: 'rtsp://192.0.2.60/ch1', password: 'Export#Pw' });
    const lamp = (await call('cameras.list')).find((c) => c.name === '路灯')!;
    const preset = await call('presets.save', { name: '夜班', siteId: 'town-qingshan', wall: { layout: namedLayout('1')!, tiles: [lamp.id] } });
    const file = await call('presets.export', { presetIds: [preset.id] });
    expect(file).toMatchObject({ fileName: expect.stringMatching(/^夜班_\d{4}-\d{2}-\d{2}\.presets\.json$/), cameras: 1 });
    expect(file.json).not.toContain('Export#Pw');
    expect(file.json).not.toContain('gcm1:');
    expect(await call('presets.importPreview', { json: file.json })).toMatchObject({ presets: [{ id: preset.id, replaces: true }], newSites: 0, newCameras: 0, conflicts: [] });
    expect(await refusal('presets.importPreview', { json: file.json.replace('192.0.2.60', '192.0.2.61') })).toEqual({ code: 'bad_request', message: 'file:hash_mismatch' });
    expect(await call('presets.importApply', { json: file.json })).toMatchObject({ presets: 1, keptMine: 0, tookTheirs: 0 });
  });
});

describe('what leaves main', () => {
  it('never carries a password', () => {
    for (const secret of ['Kept#Pw1', 'Form#Secret', 'Export#Pw']) expect(seen.join('\n')).not.toContain(secret);
  });

  it('tells the page nothing went wrong with the settings file', async () => {
    expect(await call('app.info')).toMatchObject({ storeNotice: null });
  });
});
