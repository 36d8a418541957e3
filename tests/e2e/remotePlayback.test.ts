/**
 * A page plays a tile whose footage is on another console: console B (started here) records the
 * camera and opens its recorder to the LAN; console A (the headless console the page talks to)
 * reads it as its village's recordings source. The page plays it like local footage, and never
 * asks B for anything: every request it makes goes to A. Its timeline shows B's activity strip
 * and B's reason for a gap; a camera B will not share (its owner withdrew consent at B) is said
 * in those words on the tile and under the timeline, B's code a click away.
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
import zhCN from '../../renderer/i18n/zh-CN.json';
import { addCamera, measurePlayback, openWallPage, shutDown, startVillageConsole, type Console } from './harness.js';

let wall: Console;
let consoleB: Services;
let browser: Browser;
let page: Page;
let portB: number;
let cameraId: string;
let porchId: string;
const requested: string[] = [];
/** B's activity: 40 still seconds, then 10 busy ones (someone walks by) after the camera came back. */
const still = Array<number>(20).fill(20_000);
const busy = Array<number>(10).fill(90_000);
const T0 = Math.floor((Date.now() - 600_000) / 1000) * 1000;

beforeAll(async () => {
  const village = await startVillageConsole();
  wall = village.wall;
  cameraId = await addCamera(wall, '东村路口', 'rtsp://127.0.0.1:9/crossroads', village.siteId);
  porchId = await addCamera(wall, '张家门口', 'rtsp://127.0.0.1:9/porch', village.siteId);
  const dataB = mkdtempSync(join(tmpdir(), 'vw-e2e-remote-b-'));
  const folderB = join(dataB, 'footage');
  // Recording stopped 40 s in because the camera went offline, and came back 10 s later.
  await writeRecordedSegments(folderB, cameraId, 'main', [
    { startedAt: T0, seconds: 20, bytesPerSecond: still },
    { startedAt: T0 + 20_000, seconds: 20, bytesPerSecond: still, endReason: 'offline' },
    { startedAt: T0 + 50_000, seconds: 10, bytesPerSecond: busy },
  ]);
  await writeRecordedSegments(folderB, porchId, 'main', [{ startedAt: T0, seconds: 10 }]);
  const camerasB = [
    villageCamera(cameraId, 'rtsp://127.0.0.1:9/crossroads'),
    villageCamera(porchId, 'rtsp://127.0.0.1:9/porch', { ownerKind: 'household', consent: { levels: ['township', 'village'], until: null, revoked: true } }),
  ];
  consoleB = await startServices({ mode: 'headless', dataDir: dataB, secretBox: keyFileSecretBox(join(dataB, 'k')), log: silentLogger, seed: () => townshipSeed(camerasB, { settings: { folder: folderB, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }) });
  portB = await freePort();
  const token = (await apiCalls(() => consoleB).call('recorderLan.set', { enabled: true, host: '127.0.0.1', port: portB })).newToken!;
  const source = await wall.call('sites.setPlayback', { siteId: village.siteId, source: { kind: 'console', url: `http://127.0.0.1:${portB}`, pathTemplate: '{cameraId}/{profile}', token } });
  if (!source.ok) throw new Error(source.message);
  const set = await wall.call('wall.set', { layout: namedLayout('4')!, tiles: [cameraId, porchId, null, null] });
  if (!set.ok) throw new Error(set.message);
  ({ browser, page } = await openWallPage(wall.url, async (p) => void p.on('request', (request) => requested.push(request.url()))));
}, 120_000);

afterAll(async () => {
  await shutDown(browser, wall);
  await consoleB?.close();
});

it('plays the other console’s footage on the tile, through this console only', async () => {
  await openWallPlayback(page, T0 + 5000);
  await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 15_000 }).toBe(2);
  await expect
    .poll(async () => (await measurePlayback(page, 1500)).find((tile) => tile.presentedFrames > 0)?.presentedFrames ?? 0, { timeout: 30_000, interval: 500 })
    .toBeGreaterThan(3);
  expect(await tile(0).getByTestId('playback-problem').count()).toBe(0);
  expect(requested.some((url) => url.includes('/playback/get?'))).toBe(true);
  expect(requested.filter((url) => url.includes(`:${portB}`))).toEqual([]);
}, 90_000);

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const row = (id: string) => page.locator(`[data-testid="tl-row"][data-row="${id}"]`);

it('shows the other console’s activity strip and its reason for a gap on this console’s timeline', async () => {
  // The timeline (an hour wide, around T0 + 5 s) has B's busy seconds drawn as busy, and B's gap says why.
  await expect.poll(() => row(cameraId).locator('rect.tl-busy').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await row(cameraId).locator('rect.tl-calm').count()).toBeGreaterThan(0);
  const reasons = await row(cameraId).getByTestId('tl-gap').evaluateAll((gaps) => gaps.map((gap) => gap.getAttribute('title') ?? ''));
  expect(reasons.some((title) => title.startsWith(zhCN.playback.gapReason.offline))).toBe(true);
}, 60_000);

it('says in its words that the other console has no consent to share a household’s camera, its code a click away', async () => {
  const problem = tile(1).getByTestId('playback-problem');
  await expect.poll(() => problem.getByTestId('failure-sentence').innerText(), { timeout: 15_000 }).toBe(zhCN.remoteProblem.remote_no_consent);
  await problem.getByRole('button', { name: zhCN.common.details }).click();
  expect(await problem.locator('.failure-message').innerText()).toContain('HTTP 403 consent_revoked');
  // Under the timeline too, on that camera's line: its row cannot be drawn, and says why.
  const line = page.locator(`[data-testid="tl-problem"][data-row="${porchId}"]`);
  await expect.poll(() => line.getByTestId('failure-sentence').innerText(), { timeout: 15_000 }).toBe(zhCN.remoteProblem.remote_no_consent);
  expect(await row(porchId).getAttribute('data-failed')).not.toBeNull();
}, 60_000);
