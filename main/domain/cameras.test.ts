import { describe, expect, it } from 'vitest';
import type { CameraUpdate } from '../../preload/api.js';
import { CameraInputSchema, CameraUpdateSchema } from '../contract/requests.js';
import { editCamera, mayReusePassword, prepareCamera, toCameraView } from './cameras.js';
import { townshipData } from './testData.js';

const data = townshipData();
const existing = { cameras: data.cameras, siteIds: new Set(data.sites.map((s) => s.id)) };
const current = data.cameras[0]!;
const edit = (fields: Partial<CameraUpdate>) =>
  editCamera(current, CameraUpdateSchema.parse({ id: current.id, name: current.name, siteId: 'east', mainUrl: current.mainUrl, username: 'admin', ...fields }), existing);

describe('adding a camera', () => {
  it('is public with no tags or place unless told, and keeps tags once each', () => {
    const added = prepareCamera(CameraInputSchema.parse({ name: '新点位', mainUrl: 'rtsp://192.0.2.9/a', tags: ['路口', '路口', '学校'] }), existing, 'cam-new');
    expect(added).toMatchObject({ ok: true, camera: { ownerKind: 'public', tags: ['路口', '学校'], location: null } });
  });

  it('seals a password typed into the query string of either address, and never shows it', () => {
    const inMain = prepareCamera(CameraInputSchema.parse({ name: '新点位', mainUrl: 'rtsp://192.0.2.9/live?user=admin&password=Q1pw&ch=1' }), existing, 'cam-q');
    expect(inMain).toMatchObject({ ok: true, password: 'Q1pw', camera: { mainUrl: 'rtsp://192.0.2.9/live?user=admin&password=&ch=1' } });
    const inSub = prepareCamera(CameraInputSchema.parse({ name: '新点位', mainUrl: 'rtsp://192.0.2.9/live?ch=1&password=', subUrl: 'rtsp://192.0.2.9/live?ch=2&pwd=S2pw' }), existing, 'cam-q');
    expect(inSub).toMatchObject({ ok: true, password: 'S2pw', camera: { subUrl: 'rtsp://192.0.2.9/live?ch=2&pwd=' } });
    if (!inSub.ok) return;
    expect(JSON.stringify(toCameraView({ ...inSub.camera, passwordSealed: 'gcm1:x' }))).not.toMatch(/Q1pw|S2pw/);
  });

  it('never shows its password, only that one is set', () => {
    const view = toCameraView(current);
    expect(view).toMatchObject({ passwordSet: true, ownerKind: 'public', tags: [] });
    expect(JSON.stringify(view)).not.toContain('sealed-e');
  });
});

describe('editing a camera', () => {
  it('keeps the sealed password when the password field is left blank', () => {
    expect(edit({ name: '东村口新', password: '' })).toMatchObject({ ok: true, camera: { name: '东村口新' }, password: { kind: 'keep' } });
  });

  it('replaces it when one is typed, in the field or in the URL', () => {
    expect(edit({ password: 'N3w!' })).toMatchObject({ password: { kind: 'set', password: 'N3w!' } });
    expect(edit({ mainUrl: 'rtsp://admin:FromUrl@192.0.2.10/ch1' })).toMatchObject({
      camera: { mainUrl: 'rtsp://192.0.2.10/ch1' },
      password: { kind: 'set', password: 'FromUrl' },
    });
  });

  it('does not send the saved password to another host or port: it asks for the password again', () => {
    expect(edit({ mainUrl: 'rtsp://203.0.113.5/ch1' })).toEqual({ ok: false, field: 'password', problem: 'host_changed' });
    expect(edit({ mainUrl: 'rtsp://192.0.2.10:8554/ch1' })).toEqual({ ok: false, field: 'password', problem: 'host_changed' });
    expect(edit({ subUrl: 'rtsp://203.0.113.5/ch2' })).toEqual({ ok: false, field: 'password', problem: 'host_changed' });
    // Typing it again, or clearing it, is an answer; another path on the same camera keeps it.
    expect(edit({ mainUrl: 'rtsp://203.0.113.5/ch1', password: 'Again1' })).toMatchObject({ ok: true, password: { kind: 'set', password: 'Again1' } });
    expect(edit({ mainUrl: 'rtsp://203.0.113.5/ch1', clearPassword: true })).toMatchObject({ ok: true, password: { kind: 'clear' } });
    expect(edit({ mainUrl: 'rtsp://192.0.2.10:554/Streaming/Channels/101' })).toMatchObject({ ok: true, password: { kind: 'keep' } });
  });

  it('clears it only when asked', () => {
    expect(edit({ clearPassword: true })).toMatchObject({ password: { kind: 'clear' } });
  });

  it('moves it to another village, and refuses a name already used there', () => {
    expect(edit({ siteId: 'west', name: '东村口' })).toMatchObject({ ok: true, camera: { siteId: 'west' } });
    expect(edit({ siteId: 'west', name: '西村口' })).toEqual({ ok: false, field: 'name', problem: 'duplicate_name' });
  });

  it('keeps what the form does not show (a household owner, consent)', () => {
    const household = { ...current, ownerKind: 'household' as const, owner: { name: '王大伯', contact: '138' } };
    const result = editCamera(household, CameraUpdateSchema.parse({ id: current.id, name: 'x', siteId: 'east', mainUrl: current.mainUrl, ownerKind: 'household' }), existing);
    expect(result).toMatchObject({ ok: true, camera: { owner: { name: '王大伯' }, ownerKind: 'household' } });
  });

  it('names the field of a bad address', () => {
    expect(edit({ subUrl: 'http://192.0.2.10/x' })).toEqual({ ok: false, field: 'subUrl', problem: 'scheme' });
  });
});

describe('where a stored password may go', () => {
  const stored = { mainUrl: 'rtsp://192.0.2.10/ch1', subUrl: 'rtsp://192.0.2.10:8554/ch2' };
  it.each([
    ['rtsp://192.0.2.10/other', true],
    ['rtsp://192.0.2.10:554/ch1', true],
    ['rtsp://192.0.2.10:8554/x', true],
    ['rtsp://192.0.2.11/ch1', false],
    ['rtsp://192.0.2.10:9000/ch1', false],
    ['rtsps://192.0.2.10/ch1', false], // rtsps listens on 322, not 554
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(mayReusePassword(stored, url)).toBe(allowed);
  });
});
