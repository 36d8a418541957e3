/**
 * The built desktop app (out/main/index.js) started against a stand-in for Electron's main-process
 * API, in a child process, with its handlers driven the way Electron would drive them: the app://
 * protocol, the permission handlers, navigation, IPC senders and quitting. What cannot run here
 * still gets its constraints tested.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../preload/api.js';
import { builtFile, ROOT } from '../fixtures/builtOutput.js';

interface Facts {
  exitCode: number | null;
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  webPreferences: Record<string, unknown> & { preload: string; preloadExists: boolean };
  windowUrl: string;
  protocol: { url: string; status?: number; threw?: string }[];
  assets: { name: string; status: number; bytes: number }[];
  permissions: { requestHandler: boolean; checkHandler: boolean; answers: { origin: string; permission: string; request: boolean | null; check: boolean | null }[] };
  navigation: { prevented: number; windowOpen: { action: string } | null };
  csp: string[] | null;
  ipc: { channels: string[]; answers: Record<string, { ok?: boolean; code?: string | null; threw?: string }> };
  quit: boolean;
}

let dataDir: string;
let facts: Facts;

beforeAll(() => {
  builtFile('main/index.js');
  dataDir = mkdtempSync(join(tmpdir(), 'vw-standin-'));
  const run = spawnSync(process.execPath, [join(ROOT, 'tests/electron/standin/driveApp.mjs'), dataDir], { encoding: 'utf8', timeout: 50_000 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`the app did not start with the stand-in (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  facts = JSON.parse(line) as Facts;
});

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop app with a stand-in Electron', () => {
  it('starts, opens its page from app:// in a sandboxed, isolated window with the built preload, and quits cleanly', () => {
    expect(facts.exitCode).toBeNull();
    expect(facts.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(facts.windowUrl).toBe('app://wall/index.html');
    expect(facts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false, preloadExists: true });
    expect(facts.webPreferences.preload).toBe(join(ROOT, 'out/preload/index.cjs'));
    expect(facts.quit).toBe(true);
  });

  it('answers every app:// request, 400 for a malformed escape, never outside the renderer folder', () => {
    const byUrl = Object.fromEntries(facts.protocol.map((answer) => [answer.url, answer]));
    expect(facts.protocol.filter((answer) => answer.threw)).toEqual([]);
    expect(byUrl['app://wall/index.html']?.status).toBe(200);
    expect(byUrl['app://wall/']?.status).toBe(200);
    expect(byUrl['app://wall/%E0%A4%A']?.status).toBe(400);
    expect(byUrl['app://wall/%']?.status).toBe(400);
    expect(byUrl['app://wall/%00']?.status).toBe(400);
    expect(byUrl['app://wall/..%2f..%2fpackage.json']?.status).toBe(404);
    expect(byUrl['app://wall/%2e%2e/%2e%2e/package.json']?.status).toBe(404);
    expect(byUrl['app://wall/no-such-file.js']?.status).toBe(404);
  });

  it("serves every built chunk over app://, the screens loaded on demand among them", () => {
    expect(facts.assets.map((a) => a.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^SettingsDialog-.*\.js$/), expect.stringMatching(/^AuditDialog-.*\.js$/), expect.stringMatching(/^EvidenceDialog-.*\.js$/)]));
    for (const asset of facts.assets) {
      expect(asset.status, asset.name).toBe(200);
      expect(asset.bytes, asset.name).toBeGreaterThan(0);
    }
  });

  it('has both permission handlers, and they grant only full screen and clipboard writing, only to our page', () => {
    expect(facts.permissions.requestHandler).toBe(true);
    expect(facts.permissions.checkHandler).toBe(true);
    const granted = facts.permissions.answers.filter((a) => a.request !== false || a.check !== false);
    expect(granted.map((a) => `${a.origin} ${a.permission} ${a.request} ${a.check}`).sort()).toEqual([
      'app://wall clipboard-sanitized-write true true',
      'app://wall fullscreen true true',
    ]);
    expect(facts.permissions.answers.length).toBeGreaterThan(60);
  });

  it('blocks navigation and new windows, and sends our CSP', () => {
    expect(facts.navigation).toEqual({ prevented: 3, windowOpen: { action: 'deny' } });
    expect(facts.csp?.[0]).toMatch(/default-src 'none'/);
  });

  it('handles every call over IPC, for our top frame only, and refuses others without throwing', () => {
    expect([...facts.ipc.channels].sort()).toEqual([...CHANNELS].sort());
    expect(facts.ipc.answers).toEqual({
      wallTop: { ok: true, code: null },
      wallSubFrame: { ok: false, code: 'forbidden' },
      foreign: { ok: false, code: 'forbidden' },
      blank: { ok: false, code: 'forbidden' },
      gone: { ok: false, code: 'forbidden' },
    });
  });
});
