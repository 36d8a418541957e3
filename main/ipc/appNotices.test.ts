/**
 * What the console says at start about its own files, through `app.info`: records cut or deleted
 * while it was stopped (found against the anchor in the settings), and a power cut's half line.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../preload/api.js';
import { AuditLog } from '../access/audit.js';
import { repoAuditAnchor } from '../access/repoFacts.js';
import { silentLogger } from '../lib/logger.js';
import { startServices } from '../services.js';
import { openConfStore, settingsPath } from '../store/confStore.js';
import { SettingsRepository } from '../store/repository.js';
import { keyFileSecretBox } from '../store/secretBox.js';

const start = (dir: string) => startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'secret.key')), log: silentLogger, port: 0 });

async function appInfo(dir: string): Promise<AppInfo> {
  const services = await start(dir);
  try {
    const result = await services.dispatch('app.info', undefined, 'test');
    if (!result.ok) throw new Error(result.message);
    return result.value as AppInfo;
  } finally {
    await services.close();
  }
}

/** A console that has run and written three audit records, then stopped. */
async function usedConsole(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-notices-'));
  await (await start(dir)).close();
  const repo = new SettingsRepository(settingsPath(dir), () => openConfStore(dir));
  const audit = new AuditLog(join(dir, 'audit'), undefined, undefined, { anchor: repoAuditAnchor(repo) });
  for (const cameraId of ['a', 'b', 'c']) audit.append({ console: 'c1', role: 'operator', action: 'view_start', cameraId });
  audit.close();
  return dir;
}

describe('app.info tells the admin about the audit', () => {
  it('says nothing for a console that stopped cleanly, and how much audit it keeps', async () => {
    const info = await appInfo(await usedConsole());
    expect(info.notices).toEqual([]);
    expect(info.auditRetention).toMatchObject({ keepFiles: 50, files: 1, oldestAt: expect.any(Number) });
  });

  it('finds every audit file deleted while the console was stopped', async () => {
    const dir = await usedConsole();
    rmSync(join(dir, 'audit'), { recursive: true });
    const info = await appInfo(dir);
    expect(info.notices).toEqual([expect.objectContaining({ kind: 'audit_records_missing', from: 1, to: 3 })]);
  });

  it('starts after a power cut left half a line, and says where it was kept', async () => {
    const dir = await usedConsole();
    appendFileSync(join(dir, 'audit', 'audit-000001.jsonl'), '{"console":"c1","ro');
    const info = await appInfo(dir);
    expect(info.notices).toEqual([expect.objectContaining({ kind: 'audit_torn_tail', path: expect.stringContaining('torn') })]);
  });
});
