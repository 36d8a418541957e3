import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSiteData } from '../domain/demoSite.js';
import { emptyData } from '../domain/model.js';
import { namedLayout } from '../../preload/layouts.js';
import { openConfStore, settingsPath } from './confStore.js';
import { SettingsRepository } from './repository.js';
import { keyFileSecretBox } from './secretBox.js';

const open = (dir: string, seed = demoSiteData) => new SettingsRepository(settingsPath(dir), () => openConfStore(dir), seed);

describe('SettingsRepository (real conf file on disk)', () => {
  it('seeds a fresh console with the demo site and writes it owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const repo = open(dir);
    expect(repo.report).toEqual({ quarantinedTo: null, problem: null, fresh: true });
    expect(repo.data.cameras).toHaveLength(9);
    expect(repo.data.wall.tiles.filter(Boolean)).toHaveLength(9);
    expect(statSync(settingsPath(dir)).mode & 0o777).toBe(0o600);
    expect(open(dir).data).toEqual(repo.data);
  });

  it('keeps updates across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const wall = { layout: namedLayout('4')!, tiles: ['demo-dong-1', null, null, null] };
    open(dir).update((d) => ({ ...d, wall }));
    expect(open(dir).data.wall).toEqual(wall);
  });

  it('refuses an invalid update and keeps what it had, in memory and on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    const repo = open(dir);
    const before = readFileSync(settingsPath(dir), 'utf8');
    expect(() => repo.update((d) => ({ ...d, cameras: [{ ...d.cameras[0]!, mainUrl: '' }] }))).toThrow();
    expect(repo.data.cameras).toHaveLength(9);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['not JSON', () => 'this is not json {'],
    ['schema violation', (text: string) => text.replace('"rowSpan": 1', '"rowSpan": 9')],
    ['wrong version', (text: string) => text.replace('"schemaVersion": 1', '"schemaVersion": 99')],
    ['empty', () => ''],
  ])('moves a damaged file aside (%s) and starts anyway', (_name, damage) => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
    open(dir);
    const original = readFileSync(settingsPath(dir), 'utf8');
    const damaged = damage(original);
    writeFileSync(settingsPath(dir), damaged);
    const repo = open(dir, emptyData);
    expect(repo.report.quarantinedTo).toMatch(/village-wall\.corrupt-.*\.json$/);
    expect(repo.report.problem).toBeTruthy();
    expect(readFileSync(repo.report.quarantinedTo!, 'utf8')).toBe(damaged);
    expect(repo.data).toEqual(emptyData());
    expect(existsSync(settingsPath(dir))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });
});

describe('keyFileSecretBox', () => {
  it('seals and opens a password with an owner-only key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-key-'));
    const box = keyFileSecretBox(join(dir, 'secret.key'));
    const sealed = box.seal('村委会@2024:pw');
    expect(sealed).not.toContain('pw');
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
