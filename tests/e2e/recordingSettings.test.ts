/**
 * End to end: the recording settings (issue 17). A clerk sets the days to keep per camera, main
 * and sub apart, and the disk's quota and free space; the panel shows whether each camera records
 * now, its oldest footage and bytes a day, and days until full. A wrong number is said and saves nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { segmentFileName, sidecarPathOf } from '../../main/recording/segmentName.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { addCamera, openWallPage, shutDown, startConsole, startVillageConsole, type Console } from './harness.js';

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let goodId: string;
let otherId: string;
const MB = 1024 ** 2;
/** Footage left by an earlier run: one minute, an hour ago, 6 MB. */
const footageAt = Math.floor((Date.now() - 3600_000) / 1000) * 1000;

const row = (cameraId: string) => page.locator(`[data-testid="recording-row"][data-camera-id="${cameraId}"]`);

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'cam1' }]);
  let siteId: string;
  ({ wall, siteId } = await startVillageConsole());
  goodId = await addCamera(wall, '村口', fixture.url('cam1'), siteId);
  otherId = await addCamera(wall, '学校', 'rtsp://127.0.0.1:1/nothing-here', siteId);
  const dir = join(wall.dataDir, 'recordings', goodId, 'main');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, segmentFileName({ cameraId: goodId, profile: 'main', startedAt: footageAt }));
  writeFileSync(file, Buffer.alloc(6 * MB));
  const sidecar = { startedAt: footageAt, endedAt: footageAt + 60_000, bytes: 6 * MB, keyframesMs: [0], bytesPerSecond: [], endReason: 'console_stopped', repaired: false };
  writeFileSync(sidecarPathOf(file), JSON.stringify(sidecar));
  // The console reads what is on disk at start: footage of an earlier run.
  await wall.stop();
  wall = await startConsole(['--no-demo'], wall.dataDir);
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-tab-recording').click();
  await row(otherId).waitFor();
}, 60_000);

afterAll(() => shutDown(browser, wall, fixture));

it('says a wrong number of days or a wrong quota, and saves nothing while one is wrong', async () => {
  await row(goodId).getByTestId('recording-days-sub').fill('0');
  await page.getByTestId('recording-quota').fill('abc');
  expect(await page.getByTestId('recording-save').isDisabled()).toBe(true);
  expect(await row(goodId).getByTestId('recording-days-sub').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByTestId('recording-quota').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('.recording-panel .form-error').first().textContent()).toBe('保留天数请填 1 到 3650 之间的整数，或留空不录。');
  const stored = await wall.call('recording.get');
  expect(stored.ok && stored.value.settings.cameras).toEqual([]);
});

it('records a camera for the days typed, main and sub apart, and shows it recording with its footage and rate', async () => {
  await row(goodId).getByTestId('recording-days-main').fill('30');
  await row(goodId).getByTestId('recording-days-sub').fill('');
  await row(otherId).getByTestId('recording-days-sub').fill('7');
  await page.getByTestId('recording-quota').fill('50');
  await page.getByTestId('recording-min-free').fill('1');
  await page.getByTestId('recording-save').click();
  await page.locator('.recording-panel .form-ok', { hasText: '已保存' }).waitFor();
  const stored = await wall.call('recording.get');
  expect(stored.ok && stored.value.settings).toEqual({
    folder: null,
    cameras: [{ cameraId: goodId, profile: 'main', days: 30 }, { cameraId: otherId, profile: 'sub', days: 7 }],
    quotaGb: 50,
    minFreeGb: 1,
  });
  const oldest = await page.evaluate((at) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'medium' }).format(at), footageAt);
  expect(await row(goodId).getByTestId('recording-oldest').textContent()).toBe(oldest);
  expect(await row(goodId).getByTestId('recording-per-day').textContent()).toBe('8.4 GB'); // 6 MB a minute
  expect(await row(otherId).getByTestId('recording-oldest').textContent()).toBe('—');
  expect(await page.getByTestId('recording-room').textContent()).toMatch(/^录像已用 6\.0 MB，磁盘剩余 [\d.]+ [MG]B。 按当前速度，约 [\d.]+ 天后达到上限/);
  // Quota 50 GB less 6 MB at 8.4 GB a day: about 5.9 days, unless the disk's free space comes first.
  const room = stored.ok ? stored.value.figures : null;
  const expected = Math.min(50 * 1024 - 6, ((room?.freeBytes ?? 0) - 1024 ** 3) / MB) / (6 * 1440);
  expect(room?.daysUntilFull).toBeCloseTo(Math.max(0, expected), 3);
  await expect.poll(() => row(goodId).getByTestId('recording-mark').count(), { timeout: 30_000, interval: 250 }).toBe(1);
  await expect.poll(() => row(otherId).getByTestId('recording-blocked').count(), { timeout: 30_000, interval: 250 }).toBe(1);
}, 60_000);

it('refuses a recording folder that is not a full path in the clerk’s words, with the detail one click away, and keeps the old one', async () => {
  await page.getByTestId('recording-folder').fill('录像');
  await page.getByTestId('recording-save').click();
  const sentence = page.locator('.recording-panel [data-testid="failure-sentence"]');
  await sentence.waitFor();
  expect(await sentence.textContent()).toBe('“录像文件夹”请写完整路径，例如 /srv/recordings 或 D:\\录像。');
  const stored = await wall.call('recording.get');
  expect(stored.ok && stored.value.settings.folder).toBeNull();
}, 60_000);
