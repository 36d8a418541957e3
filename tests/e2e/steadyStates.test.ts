/**
 * End to end: states that do not flicker (issue 20). A camera that cannot connect is retried for
 * over a minute, long enough for the page's player to reload several times and for the host to
 * close and reopen the camera's session between two of them; meanwhile the tile and the tree are
 * sampled ten times a second. Then the records are counted, and a real camera shows what one view is.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActionName } from '../../preload/api.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { addCamera, assignTile, startConsole, type Console, openWallPage, shutDown } from './harness.js';

/** Player reloads after 12 s without a picture, with 1, 2, 4, 8 s between: the 4th gap outlasts the host's 5 s grace. */
const WATCH_MS = 75_000;

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let badId: string;
let goodId: string;

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);

async function rows(cameraId: string, action: AuditActionName): Promise<number> {
  const result = await wall.call('audit.query', { cameraId, action });
  if (!result.ok) throw new Error(`audit.query failed: ${result.message}`);
  return result.value.length;
}

interface Sample {
  at: number;
  state: string | undefined;
  /** The tree's counter for the village, e.g. "1/2 离线". */
  counter: string | null;
  offline: boolean;
  budgetLabel: string | null;
}

/** The failing tile's state, the tree's counter and the tile's budget label, every 100 ms. */
function sampleWall(index: number, ms: number): Promise<Sample[]> {
  return page.evaluate(
    async ([i, duration]) => {
      const samples: Sample[] = [];
      const start = Date.now();
      while (Date.now() - start < duration) {
        const el = document.querySelector<HTMLElement>(`[data-testid="tile"][data-index="${i}"]`);
        const rollUp = document.querySelector<HTMLElement>('[data-testid="site-rollup"]');
        samples.push({
          at: Date.now() - start,
          state: el?.dataset.state,
          counter: rollUp?.textContent ?? null,
          offline: rollUp?.dataset.offline === 'true',
          budgetLabel: el?.querySelector('[data-testid="tile-budget"]')?.textContent ?? null,
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return samples;
    },
    [index, ms] as const,
  );
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'cam1' }]);
  wall = await startConsole(['--no-demo']);
  const site = await wall.call('sites.save', { name: '东村', level: 'village', parentId: null });
  if (!site.ok) throw new Error(site.message);
  badId = await addCamera(wall, '坏地址摄像机', 'rtsp://127.0.0.1:1/nothing-here', site.value.id);
  goodId = await addCamera(wall, '测试摄像机', fixture.url('cam1'), site.value.id);
  // No tile at full rate unless selected: the failing tile is put at keyframes only, as a busy wall would.
  const rule = await wall.call('budget.setRule', { auto: false, maxFullRate: 0 });
  if (!rule.ok) throw new Error(rule.message);
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('camera-item').nth(1).waitFor();
  await page.getByTestId('grid-4').click();
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a camera that cannot connect', () => {
  let samples: Sample[] = [];

  it('stays failed on its tile through its retries', { timeout: WATCH_MS + 30_000 }, async () => {
    await assignTile(page, 0, badId);
    // Another tile selected: the failing one is beyond the budget.
    await tile(3).click();
    samples = await sampleWall(0, WATCH_MS);
    const failedAt = samples.findIndex((s) => s.state !== 'starting' && s.state !== 'idle');
    expect(failedAt, 'the tile said the camera failed').toBeGreaterThanOrEqual(0);
    expect(samples[failedAt]!.at, 'within 20 s').toBeLessThan(20_000);
    const after = samples.slice(failedAt);
    const flickers = after.filter((s) => s.state === 'starting' || s.state === 'idle' || s.state === 'live');
    expect(flickers.map((s) => `${s.at} ms: ${s.state}`), 'tile states after the first failure').toEqual([]);
    expect([...new Set(after.map((s) => s.state))]).toHaveLength(1);
    expect(await tile(0).locator('.tile-retry').count(), 'says when it tries again').toBe(1);
  });

  it('stays counted offline in the tree through its retries', () => {
    const failedAt = samples.findIndex((s) => s.offline);
    expect(failedAt, `counters: ${[...new Set(samples.map((s) => s.counter))].join(', ')}`).toBeGreaterThanOrEqual(0);
    const lost = samples.slice(failedAt).filter((s) => !s.offline);
    expect(lost.map((s) => `${s.at} ms: ${s.counter}`), 'the tree counted it offline throughout').toEqual([]);
    expect(samples.at(-1)!.counter).toBe('1/2 离线');
  });

  it('shows no budget level while it has no picture', async () => {
    expect(await tile(0).getAttribute('data-budget-level'), 'the budget did step it down').toBe('2');
    expect(samples.filter((s) => s.budgetLabel !== null).map((s) => `${s.at} ms: ${s.budgetLabel}`)).toEqual([]);
  });

  it('writes no view to the records: retries are not views', async () => {
    expect(samples.length, 'watched first').toBeGreaterThan(0);
    expect(await rows(badId, 'view_start')).toBe(0);
    expect(await rows(badId, 'view_stop')).toBe(0);
  });
});

describe('a camera that plays', () => {
  it('writes one view start when the picture shows and one stop when the operator closes the tile', async () => {
    await wall.call('budget.setRule', { auto: false, maxFullRate: null });
    await assignTile(page, 1, goodId);
    await expect.poll(() => tile(1).getAttribute('data-state'), { timeout: 25_000 }).toBe('live');
    await expect.poll(() => rows(goodId, 'view_start'), { timeout: 5000 }).toBe(1);
    await page.waitForTimeout(3000);
    await tile(1).hover();
    await tile(1).getByTestId('tile-close').click();
    await expect.poll(() => tile(1).getAttribute('data-camera-id')).toBeNull();
    await expect.poll(() => rows(goodId, 'view_stop'), { timeout: 40_000, interval: 1000 }).toBe(1);
    expect(await rows(goodId, 'view_start')).toBe(1);
  });
});
