/**
 * A page plays a tile whose footage is on another console: console B (started here) records the
 * camera and opens its recorder to the LAN; console A (the headless console the page talks to)
 * reads it as its village's recordings source. The page plays it like local footage, and never
 * asks B for anything: every request it makes goes to A.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openWallPlayback } from '../../bench/lib/playbackDriver.js';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { namedLayout } from '../../preload/layouts.js';
import { freePort } from '../fixtures/mediaServer.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';
import { addCamera, measurePlayback, openWallPage, shutDown, startVillageConsole, type Console } from './harness.js';

let wall: Console;
let consoleB: Services;
let browser: Browser;
let page: Page;
let portB: number;
const requested: string[] = [];
const T0 = Math.floor((Date.now() - 600_000) / 1000) * 1000;

beforeAll(async () => {
  const village = await startVillageConsole();
  wall = village.wall;
  const cameraId = await addCamera(wall, '东村路口', 'rtsp://127.0.0.1:9/crossroads', village.siteId);
  const dataB = mkdtempSync(join(tmpdir(), 'vw-e2e-remote-b-'));
  const folderB = join(dataB, 'footage');
  await writeRecordedSegments(folderB, cameraId, 'main', [{ startedAt: T0, seconds: 20 }, { startedAt: T0 + 20_000, seconds: 20 }]);
  consoleB = await startServices({ mode: 'headless', dataDir: dataB, secretBox: keyFileSecretBox(join(dataB, 'k')), log: silentLogger, seed: () => townshipSeed([villageCamera(cameraId, 'rtsp://127.0.0.1:9/crossroads')], { settings: { folder: folderB, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }) });
  portB = await freePort();
  const token = (await apiCalls(() => consoleB).call('recorderLan.set', { enabled: true, host: '127.0.0.1', port: portB })).newToken!;
  const source = await wall.call('sites.setPlayback', { siteId: village.siteId, source: { kind: 'console', url: `http://127.0.0.1:${portB}`, pathTemplate: '{cameraId}/{profile}', token } });
  if (!source.ok) throw new Error(source.message);
  const set = await wall.call('wall.set', { layout: namedLayout('4')!, tiles: [cameraId, null, null, null] });
  if (!set.ok) throw new Error(set.message);
  ({ browser, page } = await openWallPage(wall.url, async (p) => void p.on('request', (request) => requested.push(request.url()))));
}, 120_000);

afterAll(async () => {
  await shutDown(browser, wall);
  await consoleB?.close();
});

it('plays the other console’s footage on the tile, through this console only', async () => {
  await openWallPlayback(page, T0 + 5000);
  await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 15_000 }).toBe(1);
  await expect
    .poll(async () => (await measurePlayback(page, 1500)).find((tile) => tile.presentedFrames > 0)?.presentedFrames ?? 0, { timeout: 30_000, interval: 500 })
    .toBeGreaterThan(3);
  expect(await page.getByTestId('playback-problem').count()).toBe(0);
  expect(requested.some((url) => url.includes('/playback/get?'))).toBe(true);
  expect(requested.filter((url) => url.includes(`:${portB}`))).toEqual([]);
}, 90_000);
