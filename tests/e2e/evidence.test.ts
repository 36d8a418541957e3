/**
 * End to end: evidence from the wall. A snapshot and a clip that begins before the click, taken
 * from a tile's menu on a real RTSP camera, then found in the evidence list and checked intact.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const LIVE = { timeout: 25_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let cameraId: string;

const tile = () => page.locator('[data-testid="tile"][data-index="0"]');
const notices = () => page.getByTestId('evidence-notice');

/**
 * How long the camera's main stream has been live (ms), by the console's own stream status: the
 * pre-roll a clip gets reaches back this far at most. 0 while it is not live.
 */
async function mainLiveForMs(): Promise<number> {
  const statuses = await wall.call('stream.statuses');
  if (!statuses.ok) throw new Error(statuses.message);
  const main = statuses.value.filter((s) => s.cameraId === cameraId && s.profile === 'main');
  return main.length > 0 && main.every((s) => s.state === 'live') ? Date.now() - Math.max(...main.map((s) => s.since)) : 0;
}

async function menu(item: 'menu-snapshot' | 'menu-clip'): Promise<void> {
  await tile().click({ button: 'right' });
  await page.getByTestId('tile-menu').getByTestId(item).click();
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'crossing' }]);
  wall = await startConsole(['--no-demo']);
  const added = await wall.call('cameras.add', { name: '东村路口', mainUrl: fixture.url('crossing') });
  if (!added.ok) throw new Error(added.message);
  cameraId = added.value.id;
  ({ browser, page } = await openWallPage(wall.url));
  await tile().click();
  await page.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`).click();
  await page.locator('[data-testid="tile"][data-index="0"][data-state="live"]').waitFor(LIVE);
});

afterAll(() => shutDown(browser, wall, fixture));

describe('evidence from a tile', () => {
  it('takes a snapshot and names the file it went to', async () => {
    await menu('menu-snapshot');
    const saved = notices().filter({ has: page.getByTestId('evidence-notice-file') });
    await expect.poll(() => saved.count(), LIVE).toBe(1);
    expect(await saved.getAttribute('data-kind')).toBe('saved');
    expect(await saved.innerText()).toContain('已抓图（东村路口）');
    // Named by the camera and the local time with its offset; the camera's id stays in the manifest.
    expect(await saved.getByTestId('evidence-notice-file').innerText()).toMatch(/^东村路口_\d{8}-\d{6}[+-]\d{4}(_\d+)?\.jpg$/);
  });

  it('records a clip that starts before the click, with REC and the seconds before on the tile', async () => {
    // This wait is the measurement's premise: the clip must reach 3 s back, so the stream gathers 4 s (a GOP to spare) first.
    await expect.poll(mainLiveForMs, LIVE).toBeGreaterThanOrEqual(4000);
    await menu('menu-clip');
    const rec = tile().getByTestId('tile-rec');
    await expect.poll(() => rec.innerText(), LIVE).toMatch(/^REC 0:0\d/);
    const preRoll = await tile().getByTestId('tile-rec-preroll').innerText();
    expect(Number(/含前 (\d+) 秒/.exec(preRoll)?.[1])).toBeGreaterThanOrEqual(3);
    await expect.poll(() => rec.innerText(), LIVE).toMatch(/^REC 0:0[2-9]/); // two seconds recorded
    mkdirSync(IMG_DIR, { recursive: true });
    await page.screenshot({ path: join(IMG_DIR, 'tile-recording.png') });

    await tile().click({ button: 'right' });
    expect(await page.getByTestId('menu-clip').innerText()).toBe('停止录像');
    await page.getByTestId('menu-clip').click();
    await expect.poll(() => rec.count()).toBe(0);
    const clip = notices().filter({ hasText: '已保存录像（东村路口）' });
    await expect.poll(() => clip.count(), LIVE).toBe(1);
    expect(await clip.getByTestId('evidence-notice-file').innerText()).toMatch(/\.mp4$/);
  });

  it('lists both in the evidence files, and checks each intact', async () => {
    await page.getByTestId('evidence-button').click();
    const dialog = page.getByTestId('evidence-dialog');
    const rows = dialog.getByTestId('evidence-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(new Set(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-kind'))))).toEqual(new Set(['clip', 'snapshot']));
    for (let i = 0; i < 2; i++) await rows.nth(i).getByTestId('evidence-verify').click();
    const verdicts = dialog.getByTestId('evidence-verdict');
    await expect.poll(() => verdicts.count()).toBe(2);
    expect(await verdicts.evaluateAll((all) => all.map((v) => [v.getAttribute('data-ok'), v.textContent]))).toEqual([
      ['true', '完好，未被改动'],
      ['true', '完好，未被改动'],
    ]);
    await page.screenshot({ path: join(IMG_DIR, 'evidence-list.png') });
  });
});
