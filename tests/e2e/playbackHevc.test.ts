/**
 * Playback of an H.265 camera's recording in a real Chromium that has no H.265 decoder (Debian's,
 * headless, no GPU): the clock camera sends H.265 (x265), the recorder keeps it as it arrives
 * (hvc1), and the page, told no by its own decoder for that codec, asks main for the range as
 * H.264 (`convert=h264`). The clock stamp burnt into each frame says which recorded instant a tile
 * shows, so the conversion's times are checked against the camera's own clock. Nothing is stood
 * in: real camera, real recorder, real ffmpeg, real decoder.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockCamera } from '../../bench/lib/clockCamera.js';
import { drainGlass } from '../../bench/lib/pageProbe.js';
import { openWallPlayback, shownOf, watchShown, type Shown } from '../../bench/lib/playbackDriver.js';
import { toLocalInput } from '../../renderer/features/playback/timeInput.js';
import { CONVERT_FFMPEG_PATTERN, listProcesses } from '../fixtures/processes.js';
import { recordedClockWall, shutDown, type Console } from './harness.js';

const RECORD_MS = 40_000;

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;
let recordedFrom: number;
let T: number;

/** The console's converting ffmpegs now. */
const converters = () => listProcesses(CONVERT_FFMPEG_PATTERN).filter((p) => p.ppid === wall.process.pid);

const playbackVideo = () => page.getByTestId('playback-tile').first().getByTestId('tile-video');

/** Jumps the paused-or-playing wall to `at`, as an officer types it. */
async function jumpTo(at: number): Promise<void> {
  await page.getByTestId('playback-jump-input').fill(toLocalInput(at));
  await page.getByTestId('playback-jump').click();
}

/** `]` (faster) or `[` (slower) `times`, then the bar shows `label`. */
async function speed(key: ']' | '[', times: number, label: string): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  await expect.poll(() => page.getByTestId('playback-speed').innerText()).toBe(label);
}

/**
 * Recorded seconds the tile's stamps advance per second of wall time, over `ms`. Wall time is when
 * the page saw each picture (`seen`): the compositor's expected display time follows the frames'
 * own timestamps, a recorded second apart at 8×, and bunches a second's pictures on one instant.
 */
async function advanceRate(ms: number): Promise<{ rate: number; pictures: number }> {
  const shown = (await watchShown(page, ms)).filter((s) => s.index === 0 && Math.abs(s.stamp - T) < 600_000);
  if (shown.length < 2) return { rate: 0, pictures: shown.length };
  return { rate: (shown.at(-1)!.stamp - shown[0]!.stamp) / (shown.at(-1)!.seen - shown[0]!.seen), pictures: shown.length };
}

/** Back to T, `faster` speed steps up to `label`, then the advance over `ms` once it has settled. */
async function advanceAfterJump(faster: number, label: string, ms: number): Promise<{ rate: number; pictures: number }> {
  await jumpTo(T);
  await speed(']', faster, label);
  await page.waitForTimeout(1000);
  const advance = await advanceRate(ms);
  console.log(`[figure] H.265 converted at ${label}: ${advance.rate.toFixed(2)} s recorded per second (${advance.pictures} pictures in ${ms / 1000} s)`);
  return advance;
}

beforeAll(async () => {
  ({ clock, wall, browser, page, recordedFrom } = await recordedClockWall('1', [true], RECORD_MS, { h265: true }));
}, 180_000);

afterAll(() => shutDown(browser, wall, clock));

describe('playback of an H.265 camera where the page cannot decode H.265', () => {
  it('opens at T: the first picture presented shows T within a second, converted to H.264 by main', async () => {
    expect(await page.evaluate(async () => (await VideoDecoder.isConfigSupported({ codec: 'hvc1.1.6.L93.B0' })).supported)).toBe(false);
    T = Math.floor((recordedFrom + 6000) / 1000) * 1000;
    await openWallPlayback(page, T);
    await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 10_000 }).toBe(1);
    let seen: Shown[] = [];
    const near = (s: Shown) => Math.abs(s.stamp - T) < 30_000;
    await expect
      .poll(
        async () => {
          seen = [...seen, ...(await drainGlass(page)).samples.map(shownOf).filter((s) => s.index === 0)];
          return seen.some(near);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const first = seen.filter(near).sort((a, b) => a.at - b.at)[0]!;
    console.log(`[figure] H.265 recording, converted: first picture shows T${first.stamp - T >= 0 ? '+' : ''}${Math.round(first.stamp - T)} ms`);
    expect(Math.abs(first.stamp - T)).toBeLessThanOrEqual(1000);
    // The recorded time the player gives the picture (from the answer's times) is the stamp's too.
    const recordedMs = Number(await playbackVideo().getAttribute('data-recorded-ms'));
    expect(Math.abs(recordedMs - T)).toBeLessThan(5000);
    expect(await playbackVideo().getAttribute('data-converted')).toBe('h264');
    // …and the tile says so, in words, beside 回放.
    await expect.poll(() => page.getByTestId('playback-converted').first().innerText()).toBe('转码播放');
    expect(converters().length).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('playback-problem').count()).toBe(0);
  });

  it('plays on at 1×, and advances about 4 s a second at 4× and 8 s a second at 8×', async () => {
    const normal = await advanceRate(3000);
    console.log(`[figure] H.265 converted at 1×: ${normal.rate.toFixed(2)} s recorded per second (${normal.pictures} pictures in 3 s)`);
    expect(normal.pictures).toBeGreaterThan(15);
    expect(normal.rate).toBeGreaterThan(0.7);
    expect(normal.rate).toBeLessThan(1.3);

    const four = await advanceAfterJump(2, '4×', 3000);
    expect(four.pictures).toBeGreaterThan(5);
    expect(four.rate).toBeGreaterThan(2.5);
    expect(four.rate).toBeLessThan(5.5);
    const eight = await advanceAfterJump(1, '8×', 2500);
    expect(eight.pictures).toBeGreaterThanOrEqual(5);
    expect(eight.rate).toBeGreaterThan(5);
    expect(eight.rate).toBeLessThan(11);
    await speed('[', 3, '1×');
  });

  it('leaves playback in one click: live again, and no converting ffmpeg left', async () => {
    await page.getByTestId('playback-live').click();
    await expect.poll(() => page.getByTestId('playback-tile').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(converters, { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), { timeout: 20_000 }).toBe(1);
  });
});
