/**
 * The settings store when the machine misbehaves: a backup that cannot be written after the file
 * was, a clock that goes backwards, a damaged key file, and a password sealed under another key.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiskFailure } from './diskProblem.js';
import { camera } from '../domain/testData.js';
import { emptyData, type StoredSite } from '../domain/model.js';
import type { Logger } from '../lib/logger.js';
import { cameraSource, resolveCameraSource } from '../engine/source/cameraSource.js';
import { openConfStore, settingsPath } from './confStore.js';
import { SettingsRepository } from './repository.js';
import { keyFileSecretBox } from './secretBox.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'vw-store-'));
const at = (dir: string, options: ConstructorParameters<typeof SettingsRepository>[3] = {}) =>
  new SettingsRepository(settingsPath(dir), () => openConfStore(dir), emptyData, options);
const renamed = (name: string) => (data: ReturnType<typeof emptyData>) => ({ ...data, console: { ...data.console, id: name } });

describe('a backup that cannot be written after the settings file was', () => {
  it('keeps in memory what the file holds, and says the backup failed', () => {
    const dir = dataDir();
    const failures: DiskFailure[] = [];
    const repo = at(dir, { onBackupFailed: (failure) => failures.push(failure) });
    // A file where the backups folder should be (a clerk's copy, a sync tool).
    rmSync(join(dir, 'backups'), { recursive: true });
    writeFileSync(join(dir, 'backups'), 'not a folder');

    const saved = repo.update(renamed('after'));

    expect(saved.console.id).toBe('after');
    expect(repo.data.console.id).toBe('after');
    expect(at(dir).data.console.id).toBe('after'); // what the file holds, and what a restart shows
    expect(failures).toEqual([expect.objectContaining({ problem: 'no_folder' })]);
  });

  it('still starts when the backups folder cannot be written', () => {
    const dir = dataDir();
    at(dir).update(renamed('kept'));
    rmSync(join(dir, 'backups'), { recursive: true });
    writeFileSync(join(dir, 'backups'), 'not a folder');
    const failures: DiskFailure[] = [];
    expect(at(dir, { onBackupFailed: (failure) => failures.push(failure) }).data.console.id).toBe('kept');
    expect(failures).toHaveLength(1);
  });
});

describe('a clock that goes backwards', () => {
  it('keeps the newest backup the newest state, so a damaged file is restored to the last change', () => {
    let clock = Date.UTC(2026, 10, 29, 8, 0, 0);
    const dir = dataDir();
    const repo = at(dir, { now: () => clock });
    clock += 10 * 60_000;
    repo.update(renamed('before-the-jump'));
    clock -= 24 * 3600_000; // the BIOS clock was reset; NTP has not answered yet
    repo.update(renamed('after-the-jump'));
    writeFileSync(settingsPath(dir), '{ torn');
    const restored = at(dir, { now: () => clock });
    expect(restored.report.recoveredFrom).not.toBeNull();
    expect(restored.data.console.id).toBe('after-the-jump');
  });

  it('never moves one damaged file over another kept at the same clock reading', () => {
    const clock = Date.UTC(2000, 0, 1); // a PC whose clock starts at the same time every boot
    const dir = dataDir();
    at(dir, { now: () => clock });
    const kept: string[] = [];
    for (const damaged of ['first damage', 'second damage']) {
      writeFileSync(settingsPath(dir), damaged);
      kept.push(at(dir, { now: () => clock }).report.quarantinedTo!);
    }
    expect(new Set(kept).size).toBe(2);
    expect(kept.map((path) => readFileSync(path, 'utf8'))).toEqual(['first damage', 'second damage']);
  });
});

describe('the key file camera passwords are sealed with', () => {
  it.each([
    ['cut short by a power cut', ''],
    ['of the wrong length', Buffer.alloc(16, 1).toString('base64')],
    ['not base64 at all', 'this is not a key\n'],
  ])('refuses one %s, naming it, and leaves it as it was', (_name, text) => {
    const path = join(dataDir(), 'secret.key');
    writeFileSync(path, text);
    expect(() => keyFileSecretBox(path)).toThrow(`secret key file ${path} is damaged`);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('a password sealed under another key (a data folder copied without its key)', () => {
  const other = keyFileSecretBox(join(dataDir(), 'secret.key'));
  const mine = keyFileSecretBox(join(dataDir(), 'secret.key'));
  const warnings: string[] = [];
  const log: Logger = { info: () => {}, warn: (message) => void warnings.push(message), error: () => {} };

  it('reaches ffmpeg as no password, with a warning, instead of failing the camera or the console', () => {
    warnings.length = 0;
    const stored = camera('cam-1', 'village', { username: 'admin', passwordSealed: other.seal('Cam#Pw1') });
    expect(cameraSource(stored, stored.mainUrl, mine, log)).toEqual({ kind: 'rtsp', url: stored.mainUrl, credentials: { username: 'admin' } });
    expect(warnings).toEqual(['camera password cannot be unsealed']);
  });

  it('leaves the relay token out the same way', () => {
    warnings.length = 0;
    const site: StoredSite = {
      id: 'town', name: '镇', level: 'township', parentId: null, defaultPresetId: null,
      relay: { kind: 'relay-flv', template: 'ws://{host}/live/{stream}.live.flv', host: '10.8.0.2:8080', tokenSealed: other.seal('T0k') },
    };
    const stored = camera('cam-2', 'town', { source: 'relay-flv' });
    const source = resolveCameraSource([site], stored, 'main', mine, log);
    expect(source).toMatchObject({ kind: 'flv-pull', url: 'ws://10.8.0.2:8080/live/cam-2.live.flv' });
    expect(source.token).toBeUndefined();
    expect(warnings).toEqual(['relay token cannot be unsealed']);
  });
});
