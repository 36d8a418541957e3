/**
 * End to end, in a real Chromium: an admin opens this console's recordings to the LAN (the token
 * shown once), and sets a township's recordings source to another console, testing the
 * connection first: a wrong token is said in a sentence, the right one says what is recorded
 * there, and once saved the token never comes back to the page; the village below says it uses
 * the township's source.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import zhCN from '../../renderer/i18n/zh-CN.json';
import { freePort } from '../fixtures/mediaServer.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';
import { openWallPage, shutDown, startConsole, type Console } from './harness.js';

let wall: Console;
let consoleB: Services;
let browser: Browser;
let page: Page;
let townId: string;
let villageId: string;
let portB: number;
let tokenB: string;

async function created<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.value;
}
const editor = (): Locator => page.getByTestId('playback-source-editor');

beforeAll(async () => {
  wall = await startConsole(['--no-demo']);
  townId = (await created(wall.call('sites.save', { name: '青山镇', level: 'township', parentId: null }))).id;
  villageId = (await created(wall.call('sites.save', { name: '东村', level: 'village', parentId: townId }))).id;
  const cameraId = (await created(wall.call('cameras.add', { name: '村口', mainUrl: 'rtsp://192.0.2.7/live', siteId: villageId }))).id;
  const dataB = mkdtempSync(join(tmpdir(), 'vw-e2e-remote-settings-b-'));
  const folderB = join(dataB, 'footage');
  const T0 = Math.floor((Date.now() - 600_000) / 1000) * 1000;
  await writeRecordedSegments(folderB, cameraId, 'main', [{ startedAt: T0, seconds: 4 }]);
  consoleB = await startServices({ mode: 'headless', dataDir: dataB, secretBox: keyFileSecretBox(join(dataB, 'k')), log: silentLogger, seed: () => townshipSeed([villageCamera(cameraId, 'rtsp://192.0.2.7/live')], { settings: { folder: folderB, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }) });
  portB = await freePort();
  tokenB = (await apiCalls(() => consoleB).call('recorderLan.set', { enabled: true, host: '127.0.0.1', port: portB })).newToken!;
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('settings-button').click();
}, 60_000);

afterAll(async () => {
  await shutDown(browser, wall);
  await consoleB?.close();
});

describe('recordings across consoles, set in the settings dialog', () => {
  it('opens this console’s recordings to the LAN and shows the token once', async () => {
    await page.getByTestId('settings-tab-recording').click();
    const lan = page.getByTestId('recorder-lan');
    await lan.waitFor();
    expect(await lan.getByTestId('recorder-lan-state').innerText()).toBe(zhCN.recorderLan.closed);
    const port = await freePort();
    await lan.locator('input[name="recorderLanEnabled"]').check();
    await lan.locator('input[name="recorderLanHost"]').fill('127.0.0.1');
    await lan.locator('input[name="recorderLanPort"]').fill(String(port));
    await lan.getByTestId('recorder-lan-save').click();
    await expect.poll(() => lan.getByTestId('recorder-lan-state').innerText()).toBe(zhCN.recorderLan.listening.replace('{{address}}', `127.0.0.1:${port}`));
    const shown = (await lan.getByTestId('recorder-lan-token').locator('code').innerText()).trim();
    expect((await fetch(`http://127.0.0.1:${port}/list?path=x/main&token=${shown}`)).status).toBe(404); // the token works: nothing recorded of x
    expect((await fetch(`http://127.0.0.1:${port}/list?path=x/main`)).status).toBe(401);
  });

  it('tests another console as the township’s source: a wrong token in words, then what is recorded there', async () => {
    await page.getByTestId('settings-tab-sites').click();
    await page.locator(`[data-testid="settings-site"][data-site-id="${townId}"] [data-testid="site-edit"]`).first().click();
    await editor().waitFor();
    await editor().locator('select[name="playbackSourceKind"]').selectOption('console');
    await editor().locator('input[name="playbackSourceUrl"]').fill(`http://127.0.0.1:${portB}`);
    await editor().locator('input[name="playbackSourceToken"]').fill('not-the-token');
    await editor().getByTestId('playback-source-test').click();
    await expect.poll(() => editor().getByTestId('failure-sentence').innerText(), { timeout: 15_000 }).toBe(zhCN.remoteProblem.remote_refused);
    await editor().locator('input[name="playbackSourceToken"]').fill(tokenB);
    await editor().getByTestId('playback-source-test').click();
    await expect.poll(() => editor().getByTestId('playback-source-tested').innerText(), { timeout: 15_000 }).toContain('1 段录像');
  });

  it('saves the source; the token is kept but never shown, and the village says it uses the township’s', async () => {
    await editor().getByTestId('playback-source-save').click();
    await editor().locator('.form-ok').waitFor();
    const town = (await created(wall.call('sites.list'))).find((s) => s.id === townId)!;
    expect(town.playback).toEqual({ kind: 'console', url: `http://127.0.0.1:${portB}`, pathTemplate: '{cameraId}/{profile}', tokenSet: true });
    expect(await editor().locator('input[name="playbackSourceToken"]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(tokenB);
    await page.locator(`[data-testid="settings-site"][data-site-id="${villageId}"] [data-testid="site-edit"]`).first().click();
    await expect.poll(() => page.getByTestId('playback-source-inherited').innerText()).toBe(zhCN.playbackSource.inherits.replace('{{name}}', '青山镇'));
  });
});
