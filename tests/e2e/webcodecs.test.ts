/**
 * The WebCodecs player against mpegts.js, in one page of a real Chromium: the same clock camera
 * (its frames carry the wall-clock time), first with the console's default player (自动, which
 * is WebCodecs here), then switched to 兼容 (mpegts.js) in the settings while the page runs. Every
 * presented frame's stamp is read from its pixels, as the benchmarks do.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockCamera } from '../../bench/lib/clockCamera.js';
import { drainGlass } from '../../bench/lib/pageProbe.js';
import { clockCameraWall, shutDown, type Console } from './harness.js';

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const frontPlayer = () => page.locator('[data-testid="tile"] video[data-testid="tile-video"]').first().getAttribute('data-player');

/** Glass-to-glass ages of the clock tile's new pictures over `ms`. */
async function sample(ms: number): Promise<number[]> {
  await drainGlass(page);
  await page.waitForTimeout(ms);
  return (await drainGlass(page)).samples.filter((s) => !s.repeat).map((s) => s.latencyMs);
}

beforeAll(async () => {
  ({ clock, wall, browser, page } = await clockCameraWall('1', [true]));
});

afterAll(() => shutDown(browser, wall, clock));

describe('the WebCodecs player', () => {
  it('plays the wall with WebCodecs by default, each decoded frame on the tile', async () => {
    await expect.poll(frontPlayer, { timeout: 20_000 }).toBe('webcodecs');
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), { timeout: 20_000 }).toBe(1);
    expect((await sample(2000)).length).toBeGreaterThan(15);
  });

  it('shows fresher pictures than mpegts.js in the same page', async () => {
    const webCodecs = await sample(6000);
    const switched = await wall.call('budget.setRule', { auto: true, maxFullRate: null, player: 'mpegts' });
    expect(switched.ok).toBe(true);
    await expect.poll(frontPlayer, { timeout: 20_000 }).toBe('mse');
    await page.waitForTimeout(2000); // let liveSync settle, as an operator's eye would
    const mse = await sample(6000);
    console.log(`[figure] clock tile glass-to-glass p50: WebCodecs ${Math.round(median(webCodecs))} ms (${webCodecs.length} frames), mpegts.js ${Math.round(median(mse))} ms (${mse.length} frames)`);
    expect(webCodecs.length).toBeGreaterThan(40);
    expect(mse.length).toBeGreaterThan(40);
    expect(median(webCodecs)).toBeLessThan(median(mse));
  });

  it('says on hover how long this console holds the picture', async () => {
    await page.locator('[data-testid="tile"]').first().hover();
    await expect.poll(() => page.getByTestId('tile-facts').first().innerText(), { timeout: 5000 }).toMatch(/本机延迟 \d+ ms/);
  });

  it('goes back to WebCodecs when the setting says 自动 again', async () => {
    expect((await wall.call('budget.setRule', { auto: true, maxFullRate: null, player: 'auto' })).ok).toBe(true);
    await expect.poll(frontPlayer, { timeout: 20_000 }).toBe('webcodecs');
    expect((await sample(2000)).length).toBeGreaterThan(15);
  });
});
