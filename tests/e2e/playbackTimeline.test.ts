/**
 * The playback timeline in a real Chromium, on a real recording of the clock camera made to have
 * the shapes an officer meets: a moving picture, half a minute of a still one (quiet: the camera
 * encodes by need, so the recorder's bytes per second drop), moving again, then the camera frozen
 * (a gap, "offline"). A gap's reason shows on hover, zoom changes the span shown, 跳过无活动
 * jumps the clock over the still half minute, a freed tile follows its own time while the other
 * keeps the wall's, and a range chosen with Shift+drag is exported with a reason into a case
 * folder that `npm run verify-evidence` finds INTACT.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockCamera } from '../../bench/lib/clockCamera.js';
import { drainGlass } from '../../bench/lib/pageProbe.js';
import { openWallPlayback, shownOf, type Shown } from '../../bench/lib/playbackDriver.js';
import { toLocalInput } from '../../renderer/features/playback/timeInput.js';
import { clockCameraWall, shutDown, type Console } from './harness.js';

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;
let cameraId: string;
/** The still (quiet) half minute, and the frozen camera's gap, by the wall clock. */
let quiet: { from: number; to: number };
let frozen: { from: number; to: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The newest recorded instant tile `index` presented over the next `ms`, or null. */
async function newestShown(index: number, ms = 1200): Promise<Shown | null> {
  await drainGlass(page);
  await page.waitForTimeout(ms);
  const shown = (await drainGlass(page)).samples.filter((s) => !s.repeat).map(shownOf).filter((s) => s.index === index);
  return shown.sort((a, b) => a.at - b.at).at(-1) ?? null;
}

async function jumpTo(ms: number): Promise<void> {
  await page.getByTestId('playback-jump-input').fill(toLocalInput(ms));
  await page.getByTestId('playback-jump').click();
}

const timelineSpan = async () => {
  const timeline = page.getByTestId('timeline');
  return Number(await timeline.getAttribute('data-to')) - Number(await timeline.getAttribute('data-from'));
};

beforeAll(async () => {
  ({ clock, wall, cameraId, browser, page } = await clockCameraWall('4', [true, true, false, false], { record: true, vbr: true }));
  // Moving 10 s, still 30 s (the quiet rate is the still picture's, however long the recording runs on),
  // moving 10 s, frozen 9 s (the session stalls: a gap), then moving again.
  await pause(12_000);
  await clock.still();
  quiet = { from: Date.now(), to: 0 };
  await pause(30_000);
  await clock.move();
  quiet.to = Date.now();
  await pause(10_000);
  await clock.freeze();
  frozen = { from: Date.now(), to: 0 };
  await pause(9000);
  await clock.unfreeze();
  frozen.to = Date.now();
  await pause(8000);
  const list = await wall.call('recording.list', { cameraId, profile: 'main', from: Date.now() - 300_000, to: Date.now() });
  if (!list.ok) throw new Error(list.message);
  const rate = (from: number, to: number) => {
    const seconds = list.value.segments.flatMap((segment) => segment.bytesPerSecond.map((bytes, i) => ({ at: segment.startedAt + i * 1000, bytes }))).filter((s) => s.at >= from && s.at < to);
    return Math.round(seconds.reduce((sum, s) => sum + s.bytes, 0) / Math.max(1, seconds.length));
  };
  console.log(`[figure] clock camera by need: ${rate(quiet.from + 2000, quiet.to - 1000)} B/s still, ${rate(quiet.to + 1000, frozen.from - 1000)} B/s moving`);
  const gaps = list.value.gaps.filter((gap) => gap.from > quiet.to && gap.reason === 'offline');
  if (gaps.length === 0) throw new Error(`the frozen camera left no gap: ${JSON.stringify(list.value.gaps)}`);
}, 180_000);

afterAll(() => shutDown(browser, wall, clock));

describe('the playback timeline', () => {
  it('shows a gap with its reason in words on hover', async () => {
    await openWallPlayback(page, second(quiet.from - 6000));
    await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('tl-gap').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const gaps = page.getByTestId('tl-gap');
    let found = false;
    for (let i = 0; i < (await gaps.count()); i++) {
      await gaps.nth(i).hover();
      const title = (await gaps.nth(i).getAttribute('title')) ?? '';
      if (title.includes('没有录像：摄像机离线')) found = true;
    }
    expect(found).toBe(true);
  });

  it('zooms: the span shown narrows and widens', async () => {
    const before = await timelineSpan();
    await page.getByTestId('playback-zoom-in').click();
    await expect.poll(timelineSpan).toBeLessThan(before);
    await page.getByTestId('playback-zoom-in').click();
    const zoomed = await timelineSpan();
    expect(zoomed).toBe(5 * 60_000); // an hour → 15 min → 5 min
    await page.getByTestId('playback-zoom-out').click();
    await expect.poll(timelineSpan).toBeGreaterThan(zoomed);
    await page.getByTestId('playback-zoom-in').click(); // 5 min again, for the drag below
  });

  it('跳过无活动 jumps the clock over the still half minute', async () => {
    await jumpTo(second(quiet.from + 2000));
    await expect.poll(async () => (await newestShown(0))?.stamp ?? 0, { timeout: 10_000 }).toBeGreaterThan(quiet.from);
    await page.getByTestId('playback-skip-quiet').check();
    // At 1× the clock would need some 28 s to leave the still span: skipping takes a few.
    const started = Date.now();
    await expect.poll(async () => (await newestShown(0))?.stamp ?? 0, { timeout: 10_000 }).toBeGreaterThan(quiet.to - 1500);
    console.log(`[figure] 跳过无活动: past the ${Math.round((quiet.to - quiet.from) / 1000)} s still span after ${Date.now() - started} ms`);
    await page.getByTestId('playback-skip-quiet').uncheck();
  });

  it('a freed tile follows its own time while the other keeps the wall clock', async () => {
    const wallAt = (await newestShown(0))!.stamp;
    await page.getByTestId('playback-free').nth(1).click();
    const T2 = second(quiet.from - 8000);
    await jumpTo(T2);
    await expect.poll(async () => Math.abs(((await newestShown(1))?.stamp ?? 0) - T2), { timeout: 10_000 }).toBeLessThan(3000);
    const other = (await newestShown(0))!.stamp;
    expect(other).toBeGreaterThan(wallAt); // the wall's clock went on where it was
    expect(other - T2).toBeGreaterThan(20_000);
    // Following the wall again: both tiles show one instant.
    await page.getByTestId('playback-free').nth(1).click();
    await expect.poll(async () => Math.abs(((await newestShown(1))?.stamp ?? 0) - ((await newestShown(0))?.stamp ?? 0)), { timeout: 10_000 }).toBeLessThan(1500);
  });

  it('exports a range chosen with Shift+drag, with a reason, into a case folder that verifies INTACT', async () => {
    await page.getByTestId('playback-pause').click();
    await expect.poll(() => page.getByTestId('playback-pause').innerText()).toBe('播放');
    await jumpTo(second(quiet.from - 5000));
    const timeline = page.getByTestId('timeline');
    const from = Number(await timeline.getAttribute('data-from'));
    const to = Number(await timeline.getAttribute('data-to'));
    const box = (await page.locator('.tl-area').boundingBox())!;
    const xOf = (ms: number) => box.x + ((ms - from) / (to - from)) * box.width;
    const [a, b] = [quiet.from - 8000, quiet.from + 12_000];
    const y = box.y + box.height - 6;
    await page.keyboard.down('Shift');
    await page.mouse.move(xOf(a), y);
    await page.mouse.down();
    await page.mouse.move(xOf(b), y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.getByTestId('tl-selection').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('playback-export').isEnabled()).toBe(true);
    await page.getByTestId('playback-export').click();
    await page.getByTestId('reason-input').fill('自行车被盗 案件 2026-118');
    await page.getByTestId('reason-submit').click();
    const folder = (await page.getByTestId('export-folder').innerText({ timeout: 60_000 })).trim();
    expect(existsSync(folder)).toBe(true);
    const verified = spawnSync(process.execPath, ['scripts/verify-evidence.mjs', folder], { encoding: 'utf8' });
    console.log(`[figure] exported ${Math.round((b - a) / 1000)} s chosen on the timeline: ${verified.stdout.trim().split('\n').at(-1)}`);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('INTACT');
  });
});
