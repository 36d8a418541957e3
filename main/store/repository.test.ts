import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSiteData } from '../domain/demoSite.js';
import { SCHEMA_VERSION, emptyData } from '../domain/model.js';
import { v1Fixture } from '../domain/testData.js';
import { namedLayout } from '../../preload/layouts.js';
import { openConfStore, settingsPath } from './confStore.js';
import { storeNoticeOf } from './notice.js';
import { SettingsRepository } from './repository.js';
import { keyFileSecretBox } from './secretBox.js';

const open = (dir: string, seed = demoSiteData) => new SettingsRepository(settingsPath(dir), () => openConfStore(dir), seed);

describe('SettingsRepository (real conf file on disk)', () => {
  it('seeds a fresh console with the demo site and writes it owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const repo = open(dir);
    expect(repo.report).toEqual({ quarantinedTo: null, problem: null, fresh: true, recoveredFrom: null, migratedFrom: null, refusedVersion: null });
    expect(repo.data.cameras).toHaveLength(9);
    expect(repo.data.wall.tiles.filter(Boolean)).toHaveLength(9);
    expect(statSync(settingsPath(dir)).mode & 0o777).toBe(0o600);
    expect(open(dir).data).toEqual(repo.data);
  });

  it('keeps updates across restarts, each one also in the newest backup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const wall = { layout: namedLayout('4')!, tiles: ['demo-dong-1', null, null, null] };
    const repo = open(dir);
    repo.update((d) => ({ ...d, wall }));
    expect(open(dir).data.wall).toEqual(wall);
    const [newest] = repo.backups.list();
    expect(JSON.parse(readFileSync(newest!.path, 'utf8')).wall).toEqual(wall);
    expect(statSync(newest!.path).mode & 0o777).toBe(0o600);
  });

  it('flushes the settings folder after each write, once the file there holds the change (a power cut keeps it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const flushed: { dir: string; wall: unknown }[] = [];
    const syncFolder = (folder: string) => flushed.push({ dir: folder, wall: JSON.parse(readFileSync(settingsPath(dir), 'utf8')).wall });
    const repo = new SettingsRepository(settingsPath(dir), () => openConfStore(dir), demoSiteData, { syncFolder });
    expect(flushed).toHaveLength(1); // the seeded file
    const wall = { layout: namedLayout('4')!, tiles: ['demo-dong-1', null, null, null] };
    repo.update((d) => ({ ...d, wall }));
    expect(flushed).toHaveLength(2);
    expect(flushed[1]).toEqual({ dir, wall });
  });

  it('finds a stored camera by id, sees updates, and finds none for an unknown or removed id', () => {
    const repo = open(mkdtempSync(join(tmpdir(), 'vw-store-')));
    const [first, second] = repo.data.cameras;
    expect(repo.camera(second!.id)).toEqual(second);
    expect(repo.camera('no-such-camera')).toBeUndefined();
    repo.update((d) => ({ ...d, cameras: d.cameras.map((c) => (c.id === first!.id ? { ...c, name: '村口新' } : c)) }));
    expect(repo.camera(first!.id)?.name).toBe('村口新');
    repo.update((d) => ({ ...d, cameras: d.cameras.filter((c) => c.id !== first!.id) }));
    expect(repo.camera(first!.id)).toBeUndefined();
  });

  it('refuses an invalid update and keeps what it had, in memory and on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const repo = open(dir);
    const before = readFileSync(settingsPath(dir), 'utf8');
    const backups = repo.backups.list();
    expect(() => repo.update((d) => ({ ...d, cameras: [{ ...d.cameras[0]!, mainUrl: '' }] }))).toThrow();
    expect(repo.data.cameras).toHaveLength(9);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
    expect(repo.backups.list()).toEqual(backups);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['not JSON', () => 'this is not json {'],
    ['schema violation', (text: string) => text.replace('"rowSpan": 1', '"rowSpan": 9')],
    ['wrong version', (text: string) => text.replace(`"schemaVersion": ${SCHEMA_VERSION}`, '"schemaVersion": 99')],
    ['empty', () => ''],
  ])('moves a damaged file aside (%s) and, with no backup, starts afresh', (_name, damage) => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    open(dir);
    rmSync(join(dir, 'backups'), { recursive: true });
    const damaged = damage(readFileSync(settingsPath(dir), 'utf8'));
    writeFileSync(settingsPath(dir), damaged);
    const repo = open(dir, emptyData);
    expect(repo.report.quarantinedTo).toMatch(/village-wall\.corrupt-.*\.json$/);
    expect(repo.report.problem).toBeTruthy();
    expect(repo.report.recoveredFrom).toBeNull();
    expect(storeNoticeOf(repo.report)).toMatchObject({ kind: 'reset', movedTo: repo.report.quarantinedTo, backupFrom: null });
    expect(readFileSync(repo.report.quarantinedTo!, 'utf8')).toBe(damaged);
    expect(repo.data).toEqual(emptyData());
    expect(existsSync(settingsPath(dir))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('recovers from the newest backup that loads, passing over a damaged one', () => {
    let clock = Date.UTC(2026, 10, 29, 8, 0, 0);
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const at = (seed = demoSiteData) => new SettingsRepository(settingsPath(dir), () => openConfStore(dir), seed, { now: () => clock });
    const repo = at();
    for (const name of ['一', '二', '三']) {
      clock += 120_000;
      repo.update((d) => ({ ...d, sites: d.sites.map((s) => (s.id === 'village-dong' ? { ...s, name: `东村${name}` } : s)) }));
    }
    const [newest, second] = repo.backups.list();
    writeFileSync(newest!.path, '{"schemaVersion": 2, "sites": [');
    writeFileSync(settingsPath(dir), '');
    const recovered = at(emptyData);
    expect(recovered.report.recoveredFrom).toEqual({ path: second!.path, at: second!.at });
    expect(recovered.data.sites.find((s) => s.id === 'village-dong')!.name).toBe('东村二');
    expect(storeNoticeOf(recovered.report)).toMatchObject({ kind: 'recovered', backupFrom: second!.path, backupAt: second!.at });
  });

  it('brings a version 1 file up to date and keeps the file as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    writeFileSync(settingsPath(dir), JSON.stringify(v1Fixture()));
    const repo = open(dir, emptyData);
    expect(repo.report).toMatchObject({ quarantinedTo: null, migratedFrom: 1 });
    expect(repo.data.cameras[0]).toMatchObject({ ownerKind: 'public', tags: [], location: null, passwordSealed: 'gcm1:x' });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    const kept = readdirSync(join(dir, 'backups')).filter((f) => f.includes('v1-before-upgrade'));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'backups', kept[0]!), 'utf8')).schemaVersion).toBe(1);
    expect(open(dir).report.migratedFrom).toBeNull();
  });
});

describe('SettingsRepository against an old copy put back', () => {
  it('refuses a version 1 file where version 2 was written: moves it aside, restores the newest backup, keeps PIN and scope', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const pin = { salt: 'c2FsdA', hash: 'aGFzaA', cost: 14 };
    open(dir).update((d) => ({ ...d, console: { ...d.console, scopeSiteId: 'town-qingshan', pin } }));
    const old = JSON.stringify(v1Fixture());
    writeFileSync(settingsPath(dir), old);
    const repo = open(dir, emptyData);
    expect(repo.report).toMatchObject({ refusedVersion: 1, migratedFrom: null, recoveredFrom: { path: expect.stringContaining('backups') } });
    expect(repo.data.console).toMatchObject({ scopeSiteId: 'town-qingshan', pin });
    expect(readFileSync(repo.report.quarantinedTo!, 'utf8')).toBe(old);
    expect(storeNoticeOf(repo.report)).toMatchObject({ kind: 'recovered', olderVersion: 1, movedTo: repo.report.quarantinedTo });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8')).console.pin).toEqual(pin);
  });

  it('keeps the data folder and its backups owner-only (0700), tightening a folder that was open', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vw-store-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    open(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'backups')).mode & 0o777).toBe(0o700);
  });
});

describe('keyFileSecretBox', () => {
  it('seals and opens a password with an owner-only key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-key-'));
    const box = keyFileSecretBox(join(dir, 'secret.key'));
    const sealed = box.seal('村委会@2024:pw');
    // Not the password, in the clear or merely encoded ('pw' alone turns up in random base64 ~1 run in 70).
    expect(sealed).not.toContain('村委会@2024:pw');
    expect(sealed).not.toContain(Buffer.from('村委会@2024:pw').toString('base64').slice(0, 12));
    expect(box.open(sealed)).toBe('村委会@2024:pw');
    expect(keyFileSecretBox(join(dir, 'secret.key')).open(sealed)).toBe('村委会@2024:pw');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a password sealed under another key', () => {
    const a = keyFileSecretBox(join(mkdtempSync(join(tmpdir(), 'vw-key-')), 'secret.key'));
    const b = keyFileSecretBox(join(mkdtempSync(join(tmpdir(), 'vw-key-')), 'secret.key'));
    expect(() => b.open(a.seal('x'))).toThrow();
  });
});
