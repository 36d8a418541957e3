/**
 * Playback in a real Chromium, of the clock camera's real recording: the clock stamp burnt into
 * every frame says which recorded instant a tile shows. One recording (about two minutes) serves
 * every test of the file; the tests run in order on one page, as an officer would work.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockCamera } from '../../bench/lib/clockCamera.js';
import { drainGlass } from '../../bench/lib/pageProbe.js';
import { openWallPlayback, shownOf, watchShown, type Shown } from '../../bench/lib/playbackDriver.js';
import { toLocalInput } from '../../renderer/features/playback/timeInput.js';
import { recordedClockWall, shutDown, type Console } from './harness.js';

const RECORD_MS = 110_000;

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;
let cameraId: string;
let recordedFrom: number;
/** The instant the wall was opened at: well inside the first, closed segment. */
let T: number;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const watch = (ms: number) => watchShown(page, ms);

/** Presses `key` and returns the next picture tile `index` presents after it (within `ms`). */
async function pictureAfter(key: string, index: number, ms = 10_000): Promise<Shown | null> {
  await drainGlass(page);
  await page.keyboard.press(key);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    const found = (await drainGlass(page)).samples.map(shownOf).filter((s) => s.index === index);
    if (found.length) return found.at(-1)!;
  }
  return null;
}

beforeAll(async () => {
  // Record about two minutes while the wall plays live.
  ({ clock, wall, cameraId, browser, page, recordedFrom } = await recordedClockWall('4', [true, true, false, false], RECORD_MS));
}, 240_000);

afterAll(() => shutDown(browser, wall, clock));

describe('playback of the clock camera', () => {
  it('opens the wall at T: the first picture each tile presents shows T within a second, marked 回放', async () => {
    // A whole second (the chooser types seconds), well inside the recording.
    T = Math.floor((recordedFrom + 30_000) / 1000) * 1000;
    await openWallPlayback(page, T);
    await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('playback-time').first().innerText(), { timeout: 10_000 }).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect(await page.getByTestId('playback-mark').first().innerText()).toContain('回放');
    // The first pictures the playback videos presented (the probe saw them mount).
    let first: Shown[] = [];
    await expect
      .poll(
        async () => {
          const samples = (await drainGlass(page)).samples.map(shownOf);
          first = [...first, ...samples];
          return new Set(first.filter((s) => Math.abs(s.stamp - T) < 60_000).map((s) => s.index)).size;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    for (const index of [0, 1]) {
      const shown = first.filter((s) => s.index === index && Math.abs(s.stamp - T) < 60_000).sort((a, b) => a.at - b.at)[0]!;
      console.log(`[figure] tile ${index}: first picture shows T${shown.stamp - T >= 0 ? '+' : ''}${Math.round(shown.stamp - T)} ms`);
      expect(Math.abs(shown.stamp - T)).toBeLessThanOrEqual(1000);
    }
  });

  it('keeps two tiles of the same camera on one clock: their pictures within 100 ms of each other', async () => {
    const shown = await watch(4000);
    // At each moment both tiles show the same recorded instant: screen time − recorded time agrees.
    const offset = (index: number) => median(shown.filter((s) => s.index === index).map((s) => s.at - s.stamp));
    expect(shown.filter((s) => s.index === 0).length).toBeGreaterThan(20);
    expect(shown.filter((s) => s.index === 1).length).toBeGreaterThan(20);
    console.log(`[figure] two synchronized tiles differ by ${Math.round(Math.abs(offset(0) - offset(1)))} ms`);
    expect(Math.abs(offset(0) - offset(1))).toBeLessThanOrEqual(100);
  });

  it('at 8× the stamps advance about 8 s per second', async () => {
    for (let i = 0; i < 3; i++) await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('playback-speed').innerText()).toBe('8×');
    await page.waitForTimeout(1500);
    const shown = (await watch(4000)).filter((s) => s.index === 0);
    expect(shown.length).toBeGreaterThanOrEqual(8);
    // Over the page's own wall time: the expected display time bunches fast pictures (see pageProbe).
    const rate = (shown.at(-1)!.stamp - shown[0]!.stamp) / (shown.at(-1)!.seen - shown[0]!.seen);
    console.log(`[figure] at 8×: ${rate.toFixed(2)} s recorded per second (${shown.length} pictures in 4 s)`);
    expect(rate).toBeGreaterThan(6);
    expect(rate).toBeLessThan(10);
    for (let i = 0; i < 3; i++) await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('playback-speed').innerText()).toBe('1×');
  });

  it('paused, reverse steps go back in time, picture by picture and across a keyframe', async () => {
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('playback-pause').innerText()).toBe('播放');
    // Back to where the recording is whole (8× ran far ahead), typed as an officer would.
    await page.getByTestId('playback-jump-input').fill(toLocalInput(T + 5000));
    await page.getByTestId('playback-jump').click();
    await page.waitForTimeout(1500);
    const first = await pictureAfter('ArrowLeft', 0);
    expect(first).not.toBeNull();
    const stamps = [first!.stamp];
    // 20 steps at 15 fps cross at least one GOP boundary (a keyframe a second): that GOP is decoded again.
    for (let step = 0; step < 20; step++) {
      const shown = await pictureAfter('ArrowLeft', 0);
      expect(shown, `step ${step + 1} presented a picture`).not.toBeNull();
      stamps.push(shown!.stamp);
    }
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeLessThan(stamps[i - 1]!);
    console.log(`[figure] 21 reverse steps went back ${Math.round(stamps[0]! - stamps.at(-1)!)} ms`);
    expect(stamps[0]! - stamps.at(-1)!).toBeGreaterThan(1000);
    // And forward again.
    const forward = await pictureAfter('ArrowRight', 0);
    expect(forward!.stamp).toBeGreaterThan(stamps.at(-1)!);
  });

  it('leaves playback in one click: every tile live again', async () => {
    await page.getByTestId('playback-live').click();
    await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), { timeout: 20_000 }).toBe(2);
    const shown = await watch(2000);
    expect(shown.length).toBeGreaterThan(10);
    // Live again: each picture is the camera's present, not the recording's past.
    expect(median(shown.map((s) => s.at - s.stamp))).toBeLessThan(2000);
  });
});
