/**
 * End to end: the decode budget. A console limited to one full-rate tile puts the other tiles of a
 * 4-tile wall at keyframes only (labelled, each picture on screen as it arrives), keeps the
 * selected tile at full rate and playing, and brings them all back when the limit is raised in the
 * tile menu. The rule lives in main: it survives a reload and reaches every window.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { launchBrowser, startConsole, type Console, shutDown, tileAdvance } from './harness.js';

const LIVE = { timeout: 25_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
const ids: string[] = [];

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const levels = () => page.locator('[data-testid="tile"]').evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.budgetLevel ?? null));

const advance = (index: number, ms?: number) => tileAdvance(page, index, ms);

beforeAll(async () => {
  fixture = await startRtspFixture([1, 2, 3, 4].map((n) => ({ name: `cam${n}` })));
  wall = await startConsole([]);
  const demo = await wall.call('cameras.list');
  if (!demo.ok) throw new Error(demo.message);
  for (const camera of demo.value) await wall.call('cameras.remove', { id: camera.id });
  for (const n of [1, 2, 3, 4]) {
    const result = await wall.call('cameras.add', { name: `省流测试${n}`, mainUrl: fixture.url(`cam${n}`), siteId: 'village-dong' });
    if (!result.ok) throw new Error(`cameras.add failed: ${result.message}`);
    ids.push(result.value.id);
  }
  await wall.call('wall.set', { layout: namedLayout('4')!, tiles: ids });
  // The per-console budget: one full-rate tile, no automatic stepping (this test is about the rule).
  const rule = await wall.call('budget.setRule', { auto: false, maxFullRate: 1 });
  if (!rule.ok) throw new Error(rule.message);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(wall.url);
});

afterAll(() => shutDown(browser, wall, fixture));

describe('decode budget', () => {
  it('puts tiles beyond the budget at keyframes only, labelled, and keeps the selected one at full rate', async () => {
    await expect.poll(levels, LIVE).toEqual(['0', '2', '2', '2']);
    for (const index of [1, 2, 3]) {
      await expect.poll(() => tile(index).locator('[data-testid="tile-budget"]').textContent(), LIVE).toBe('省流 · 1 帧/秒');
    }
    await expect(tile(0).locator('[data-testid="tile-budget"]').count()).resolves.toBe(0);
    await expect.poll(() => tile(0).getAttribute('data-state'), LIVE).toBe('live');
    await expect.poll(() => advance(0), LIVE).toBeGreaterThan(0.5);
    // Main stamps its clock before each keyframe; the player marks how late the stream arrives.
    const transit = () => tile(0).locator('video[data-testid="tile-video"][data-transit-ms]').first().getAttribute('data-transit-ms');
    await expect.poll(async () => Number(await transit()), LIVE).toBeGreaterThanOrEqual(0);
    expect(Number(await transit())).toBeLessThan(1000);
    // Keyframes-only tiles show each keyframe (one a second from the fixture) as it arrives, and the
    // playhead stays at the live edge. (WebCodecs presents each keyframe once; mpegts.js presents
    // it and the copy main sends to pace it.)
    await expect.poll(() => tile(1).getAttribute('data-state'), LIVE).toBe('live');
    const watch = (index: number) =>
      page.evaluate(async (i) => {
        const video = document.querySelector<HTMLVideoElement>(`[data-testid="tile"][data-index="${i}"] video[data-testid="tile-video"]`);
        if (!video) return { frames: -1, maxLag: -1 };
        const before = video.getVideoPlaybackQuality().totalVideoFrames;
        let maxLag = 0;
        for (let n = 0; n < 40; n++) {
          await new Promise((r) => setTimeout(r, 100));
          if (video.buffered.length > 0) maxLag = Math.max(maxLag, video.buffered.end(video.buffered.length - 1) - video.currentTime);
        }
        return { frames: video.getVideoPlaybackQuality().totalVideoFrames - before, maxLag };
      }, index);
    const [slow, full] = await Promise.all([watch(1), watch(0)]);
    expect(slow.frames).toBeGreaterThanOrEqual(3); // ≥ 3 keyframes in 4 s
    expect(slow.frames).toBeLessThan(full.frames / 2);
    expect(slow.maxLag).toBeLessThan(0.5);
  });

  it('brings them back when the budget is raised in the tile menu', async () => {
    await tile(0).click({ button: 'right' });
    await page.locator('[data-testid="budget-max-full-rate"]').selectOption('16');
    await page.keyboard.press('Escape');
    await expect.poll(levels, LIVE).toEqual(['0', '0', '0', '0']);
    await expect.poll(() => page.locator('[data-testid="tile-budget"]').count(), LIVE).toBe(0);
    await expect.poll(() => advance(1), LIVE).toBeGreaterThan(0.5);
    // Saved in main, for the whole console.
    const saved = await wall.call('budget.get');
    expect(saved.ok && saved.value.maxFullRate).toBe(16);
  });

  it('keeps a pinned tile at full rate beyond the budget', async () => {
    await tile(3).click({ button: 'right' });
    await page.locator('[data-testid="menu-budget-pin"]').click();
    await tile(0).click({ button: 'right' });
    await page.locator('[data-testid="budget-max-full-rate"]').selectOption('1');
    await page.keyboard.press('Escape');
    // Pinned tile 3 takes the one full-rate place; tile 0 is selected but not pinned.
    await expect.poll(levels, LIVE).toEqual(['2', '2', '2', '0']);
    // A reload (or another window of this console) finds the same rule and pin.
    await page.reload();
    await expect.poll(levels, LIVE).toEqual(['2', '2', '2', '0']);
  });

  it('decodes nothing while the window is hidden: players stop, main lets the cameras go, and all comes back when shown', async () => {
    const ffmpegs = async () => {
      const load = await wall.call('health.load');
      return load.ok ? load.value.ffmpeg : -1;
    };
    await expect.poll(ffmpegs, LIVE).toBe(4);
    // What the browser does when the window is minimized or its tab hidden.
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        if (value) {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        } else {
          delete (document as { visibilityState?: unknown }).visibilityState;
          delete (document as { hidden?: unknown }).hidden;
        }
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    // 10 s hidden, then the 5 s grace after the last viewer.
    await expect.poll(ffmpegs, { timeout: 30_000, interval: 1000 }).toBe(0);
    await setHidden(false);
    await expect.poll(ffmpegs, LIVE).toBe(4);
    await expect.poll(() => advance(3), LIVE).toBeGreaterThan(0.5);
  });
});
