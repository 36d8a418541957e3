/**
 * "What happened 20 s ago", right after recording started: the clock camera's first segment is
 * still being written (60 s segments), and the wall opened at T = 20 s ago shows T's picture.
 * Real Chromium, the bench clock camera, the real recorder.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClockCamera } from '../../bench/lib/clockCamera.js';
import { drainGlass } from '../../bench/lib/pageProbe.js';
import { openWallPlayback, shownOf, watchShown, type Shown } from '../../bench/lib/playbackDriver.js';
import { clockCameraWall, shutDown, type Console } from './harness.js';

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ clock, wall, browser, page } = await clockCameraWall('1', [true], { record: true }));
}, 60_000);

afterAll(() => shutDown(browser, wall, clock));

it('opens the wall 20 s ago while the first segment is still being written: the first picture shows T within a second', async () => {
  // 28 s of recording: T = 20 s ago is well after the first keyframe, and the 60 s segment is still open.
  await page.waitForTimeout(28_000);
  const T = Math.floor((Date.now() - 20_000) / 1000) * 1000;
  await openWallPlayback(page, T);
  await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 10_000 }).toBe(1);
  // The live tile's last pictures show about now (T + 20 s): the playback's are the ones near T.
  const played = (s: Shown) => Math.abs(s.stamp - T) < 10_000;
  let seen: Shown[] = [];
  await expect
    .poll(
      async () => {
        seen = [...seen, ...(await drainGlass(page)).samples.map(shownOf)];
        return seen.some(played);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const first = seen.filter(played).sort((a, b) => a.at - b.at)[0]!;
  console.log(`[figure] 20 s ago, in the segment being written: first picture shows T${first.stamp - T >= 0 ? '+' : ''}${Math.round(first.stamp - T)} ms`);
  expect(Math.abs(first.stamp - T)).toBeLessThanOrEqual(1000);
  // And it plays on from there.
  const later = (await watchShown(page, 3000)).filter(played);
  expect(later.length).toBeGreaterThan(10);
  expect(later.at(-1)!.stamp - first.stamp).toBeGreaterThan(1500);
}, 90_000);
