/**
 * The settings file on disk, damaged five ways between two runs of the console. Each time the
 * console starts, moves the damaged file aside untouched, says so through `app.info`, and comes
 * back with everything the newest backup held: the cameras added, their sealed passwords, sites
 * and presets.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, Channel, Request } from '../../preload/api.js';
import { namedLayout } from '../../preload/layouts.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { settingsPath } from '../../main/store/confStore.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { SCHEMA_VERSION } from '../../main/domain/model.js';

const start = (dataDir: string) =>
  startServices({ mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'secret.key')), log: silentLogger, port: 0 });

async function call<C extends Channel>(services: Services, channel: C, payload?: Request<C>) {
  const result = await services.dispatch(channel, payload, 'test');
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value;
}

/** A console that has been used: a village added, a camera with a password, a preset. */
async function usedConsole(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-recovery-'));
  const services = await start(dir);
  const village = (await call(services, 'sites.save', { name: '北村', level: 'village', parentId: 'town-qingshan' })) as { id: string };
  const camera = (await call(services, 'cameras.add', { name: '北村口', siteId: village.id, mainUrl: 'rtsp://192.0.2.70/ch1', username: 'admin', password: 'Backup#Pw7' })) as { id: string };
  await call(services, 'presets.save', { name: '白班', siteId: 'town-qingshan', wall: { layout: namedLayout('4')!, tiles: [camera.id, 'demo-dong-1', null, null] } });
  await services.close();
  return dir;
}

const newestBackup = (dir: string) => {
  const names = readdirSync(join(dir, 'backups')).filter((n) => /^village-wall\.\d{8}T\d{9}Z\.json$/.test(n)).sort();
  return join(dir, 'backups', names.at(-1)!);
};

describe('a damaged settings file', () => {
  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length * 0.6))],
    ['invalid JSON', (text: string) => text.replace(/"sites": \[/, '"sites": [[')],
    ['schema violation', (text: string) => text.replace(/"level": "village"/, '"level": "hamlet"')],
    ['wrong version', (text: string) => text.replace(`"schemaVersion": ${SCHEMA_VERSION}`, '"schemaVersion": 42')],
    ['empty file', () => ''],
  ])('%s: the console starts, quarantines it, says so, and loses nothing a backup held', async (_name, damage) => {
    const dir = await usedConsole();
    const path = settingsPath(dir);
    const backup = newestBackup(dir);
    const held = JSON.parse(readFileSync(backup, 'utf8'));
    const damaged = damage(readFileSync(path, 'utf8'));
    writeFileSync(path, damaged);

    const services = await start(dir);
    try {
      const info = (await call(services, 'app.info')) as AppInfo;
      expect(info.storeNotice).toMatchObject({ kind: 'recovered', backupFrom: backup, problem: expect.any(String) });
      // Moved aside byte for byte, never overwritten.
      expect(readFileSync(info.storeNotice!.movedTo, 'utf8')).toBe(damaged);
      expect(readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
      // Everything the backup held is back, the sealed password included.
      expect(services.repo.data).toEqual(held);
      const camera = services.repo.data.cameras.find((c) => c.name === '北村口')!;
      expect(keyFileSecretBox(join(dir, 'secret.key')).open(camera.passwordSealed!)).toBe('Backup#Pw7');
      expect(services.repo.data.presets.map((p) => p.name)).toEqual(['白班']);
      expect(JSON.stringify(info)).not.toContain('Backup#Pw7');
    } finally {
      await services.close();
    }

    // The recovered file is good: the next start has nothing to report.
    const again = await start(dir);
    expect(((await call(again, 'app.info')) as AppInfo).storeNotice).toBeNull();
    expect(again.repo.data).toEqual(held);
    await again.close();
    expect(existsSync(path)).toBe(true);
  });

  it('with no backup at all, starts afresh and says that too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-recovery-'));
    writeFileSync(settingsPath(dir), '{"schemaVersion": 2, "sites": [');
    const services = await start(dir);
    const info = (await call(services, 'app.info')) as AppInfo;
    expect(info.storeNotice).toMatchObject({ kind: 'reset', backupFrom: null, backupAt: null });
    expect(services.repo.data.cameras).toHaveLength(9);
    await services.close();
  });
});
