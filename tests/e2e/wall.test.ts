/**
 * End to end: the headless console (as `npm start` runs it), real RTSP cameras from the GStreamer
 * fixture, real ffmpeg, and real mpegts.js playback in Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { cameraFfmpegsOn } from '../fixtures/processes.js';
import { measurePlayback, startConsole, type Console, openWallPage, shutDown, tileAdvance } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
const cameraIds: string[] = [];

async function addCamera(name: string, mainUrl: string): Promise<string> {
  const result = await wall.call('cameras.add', { name, mainUrl });
  if (!result.ok) throw new Error(`cameras.add failed: ${result.message}`);
  return result.value.id;
}

/** Assigns cameras to tiles the way an operator does: select a tile, click a camera. */
async function assign(tileIndex: number, cameraId: string): Promise<void> {
  await page.locator(`[data-testid="tile"][data-index="${tileIndex}"]`).click();
  await page.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`).click();
  await expect.poll(() => page.locator(`[data-testid="tile"][data-index="${tileIndex}"]`).getAttribute('data-camera-id')).toBe(cameraId);
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'cam1' }, { name: 'cam2' }, { name: 'cam3' }, { name: 'cam4' }]);
  wall = await startConsole(['--no-demo']);
  for (const n of [1, 2, 3, 4]) cameraIds.push(await addCamera(`测试摄像机${n}`, fixture.url(`cam${n}`)));
  cameraIds.push(await addCamera('坏地址摄像机', 'rtsp://127.0.0.1:1/nothing-here'));
  ({ browser, page } = await openWallPage(wall.url));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('the wall in a real browser', () => {
  it('opens in Chinese with the camera list and strips the token from the address bar', async () => {
    await expect.poll(() => page.locator('[data-testid="camera-item"]').count()).toBe(5);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByText('添加摄像机').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('token=');
  });

  it('plays four real RTSP cameras in four tiles while a fifth tile shows its failure', async () => {
    await page.locator('[data-testid="grid-9"]').click();
    for (let i = 0; i < 5; i++) await assign(i, cameraIds[i]!);

    for (let i = 0; i < 4; i++) {
      await expect.poll(() => page.locator(`[data-testid="tile"][data-index="${i}"]`).getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    }
    const bad = page.locator('[data-testid="tile"][data-index="4"]');
    await expect.poll(() => bad.getAttribute('data-state'), { timeout: 20_000 }).toBe('unreachable');
    expect(await bad.locator('[data-testid="tile-state"]').innerText()).toContain('地址不可达');

    // Settled: every live tile's picture moves at half speed or better, as the measurement asks.
    await Promise.all([0, 1, 2, 3].map((i) => expect.poll(() => tileAdvance(page, i, 500), { timeout: 10_000 }).toBeGreaterThan(0.25)));
    // Then watch every tile for 3 s: the window is the measurement.
    const playback = await measurePlayback(page, 3000);
    const live = playback.filter((p) => cameraIds.slice(0, 4).includes(p.cameraId ?? ''));
    expect(live).toHaveLength(4);
    for (const tile of live) {
      expect(tile.advancedSeconds, `${tile.cameraId} currentTime`).toBeGreaterThan(1.5);
      expect(tile.presentedFrames, `${tile.cameraId} frames`).toBeGreaterThan(15);
      expect(tile.lumaSpread, `${tile.cameraId} picture is not flat/black`).toBeGreaterThan(10);
      expect(tile.meanLuma, `${tile.cameraId} picture is not black`).toBeGreaterThan(20);
    }
    // The failing tile never got a picture, and did not disturb the others.
    expect(await bad.getAttribute('data-state')).toBe('unreachable');
    mkdirSync(IMG_DIR, { recursive: true });
    await page.screenshot({ path: join(IMG_DIR, 'wall.png') });
  });

  it('shows one ffmpeg per camera, shared by two tiles showing the same camera', async () => {
    // ffmpeg's command line names no camera (the address is on its stdin): count the fixture's
    // connections before and after a second tile shows the same camera.
    const before = cameraFfmpegsOn(fixture.port);
    expect(before).toBeGreaterThan(0);
    await assign(5, cameraIds[0]!);
    await expect.poll(() => page.locator('[data-testid="tile"][data-index="5"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    expect(cameraFfmpegsOn(fixture.port)).toBe(before);
  });

  it('adds a real camera through the form and refuses a bad URL with a sentence, keeping the form', async () => {
    await page.locator('[data-testid="add-camera"]').click();
    const form = page.locator('[data-testid="camera-form"]');
    await form.locator('[name="name"]').fill('表单添加的摄像机');
    await form.locator('[name="mainUrl"]').fill('http://192.0.2.1/not-rtsp');
    await form.locator('[name="password"]').fill('FormSecret55');
    await page.locator('[data-testid="camera-form-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="failure-sentence"]').innerText()).toContain('rtsp://');
    expect(await form.locator('[name="name"]').inputValue()).toBe('表单添加的摄像机');

    await form.locator('[name="mainUrl"]').fill(fixture.url('cam2'));
    await page.locator('[data-testid="camera-form-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="camera-item"]').count()).toBe(6);
    expect(await page.content()).not.toContain('FormSecret55');
  });
});

describe('no ffmpeg is left behind', () => {
  it('stops every camera ffmpeg when the console stops', async () => {
    await browser.close();
    await wall.stop();
    // Only this suite's cameras: other suites may run their own ffmpeg meanwhile.
    expect(cameraFfmpegsOn(fixture.port)).toBe(0);
  });
});
