/**
 * End to end: a wall whose console is set to a player other than 自动 opens each tile's stream
 * once, with that player. (The page used to start every tile on 自动 before the console's choice
 * arrived from main, and open each one again when it did: 8 streams and decoders for 4 tiles.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { apiCallCount, openWallPage, recordApiCalls, shutDown, startConsole, wallOf, type Console } from './harness.js';

const TILES = 4;
const LIVE = { timeout: 60_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const names = Array.from({ length: TILES }, (_, i) => `once${i + 1}`);
  fixture = await startRtspFixture(names.map((name) => ({ name })));
  wall = await startConsole(['--no-demo']);
  await wallOf(wall, names.map((name) => ({ name, mainUrl: fixture.url(name) })), String(TILES), { auto: false, maxFullRate: null, player: 'mpegts' });
  ({ browser, page } = await openWallPage(wall.url, async (p) => void (await p.addInitScript(recordApiCalls))));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a wall set to 兼容 (mpegts.js)', () => {
  it('opens each tile once, with mpegts.js from the start', { timeout: 120_000 }, async () => {
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), LIVE).toBe(TILES);
    await page.waitForTimeout(3000); // a second open, if any, would have been asked for by now
    const players = await page.locator('[data-testid="tile"] video[data-testid="tile-video"]').evaluateAll((videos) => videos.map((v) => (v as HTMLVideoElement).dataset.player));
    expect(players).toEqual(Array(TILES).fill('mse'));
    expect(await apiCallCount(page, 'stream.open')).toBe(TILES);
  });
});
