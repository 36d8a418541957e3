/**
 * End to end: the decode budget never degrades a wall the PC can hold. Sixteen tiles of
 * 640×360@15 (what a village sends as sub streams) with automatic stepping on, in the default
 * player: after the tiles have played and the budget has had time to judge them, no tile has been
 * stepped down and every tile keeps its frame rate. (Issue 16 saw 5 of 16 at 1 frame a second.)
 *
 * As the bench's auto-16 watches it (where 4 of 16 were stepped while the wall opened and never
 * came back, and this test, then watching 20 s of a bare page, passed): the page reads one tile's
 * pixels every frame (the bench's probe, a light extra load any village PC has), tile 0 is
 * selected by a click, and the wall is watched for 45 s. A step that came back between two
 * samples still shows: the tile keeps the reason of its last step (data-budget-reason).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { installProbe } from '../../bench/lib/pageProbe.js';
import { measurePlayback, openWallPage, shutDown, startConsole, wallOf, type Console } from './harness.js';

const TILES = 16;
const LIVE = { timeout: 40_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;

const levels = () => page.locator('[data-testid="tile"]').evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.budgetLevel ?? '0'));
/** Why the budget stepped each tile that it ever stepped (data-budget-reason), by tile index. */
const reasons = () =>
  page.locator('[data-testid="tile"]').evaluateAll((tiles) => tiles.flatMap((t) => ((t as HTMLElement).dataset.budgetReason ? [`tile ${(t as HTMLElement).dataset.index}: ${(t as HTMLElement).dataset.budgetReason}`] : [])));

beforeAll(async () => {
  const names = Array.from({ length: TILES }, (_, i) => `hold${i + 1}`);
  fixture = await startRtspFixture(names.map((name) => ({ name })));
  wall = await startConsole(['--no-demo']);
  const ids = await wallOf(wall, names.map((name) => ({ name, mainUrl: fixture.url(name) })), '16', { auto: true, maxFullRate: null });
  ({ browser, page } = await openWallPage(wall.url, (p) => installProbe(p, [ids[0]!])));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a wall this PC can hold', () => {
  // Bounded: sixteen first pictures, then 45 s of watching and 3 s of measuring, on a loaded machine.
  it('keeps all sixteen tiles at full rate with automatic stepping on', { timeout: 150_000 }, async () => {
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), LIVE).toBe(TILES);
    await page.locator('[data-testid="tile"][data-index="0"]').click();
    // The budget ignores a tile's opening and steps down only after pressure that lasts: watch
    // for longer than all of it (as long as the bench settles), then measure what the officer sees.
    const seen = new Set<string>();
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      for (const level of await levels()) seen.add(level);
      await page.waitForTimeout(500); // sampling interval of the levels, not a wait for a condition
    }
    const why = await reasons();
    expect([...seen], why.join('\n')).toEqual(['0']);
    expect(why).toEqual([]);
    const playback = await measurePlayback(page, 3000);
    expect(playback).toHaveLength(TILES);
    for (const tile of playback) expect(tile.presentedFrames / 3).toBeGreaterThanOrEqual(12);
  });
});
