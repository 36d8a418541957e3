/**
 * End to end: a WebCodecs wall leaves nothing behind. A console that runs for months swaps walls
 * thousands of times; each tile's VideoDecoder and every VideoFrame it decoded hold memory outside
 * JavaScript's heap until closed. Here every decoder the page creates and every frame it outputs
 * is watched (an init script wraps VideoDecoder, nothing else changes); after the officer closes
 * every tile, none may be left open.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { openWallPage, shutDown, startConsole, wallOf, type Console } from './harness.js';

const TILES = 4;
const LIVE = { timeout: 40_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;

interface Census {
  decoders: number;
  openDecoders: number;
  frames: number;
  openFrames: number;
}

declare global {
  interface Window {
    __vwCensus?: () => Census;
  }
}

/** Runs in the page before the app: counts decoders and their frames, and which are still open. */
function watchDecoders(): void {
  const decoders: VideoDecoder[] = [];
  const frames: VideoFrame[] = [];
  const Original = VideoDecoder;
  class Watched extends Original {
    constructor(init: VideoDecoderInit) {
      super({ ...init, output: (frame) => (frames.push(frame), init.output(frame)) });
      decoders.push(this);
    }
  }
  (window as { VideoDecoder: typeof VideoDecoder }).VideoDecoder = Watched;
  // A closed frame has no format (WebCodecs): whoever closed it, the app or the track it was written to.
  window.__vwCensus = () => ({
    decoders: decoders.length,
    openDecoders: decoders.filter((d) => d.state !== 'closed').length,
    frames: frames.length,
    openFrames: frames.filter((f) => f.format !== null).length,
  });
}

const census = () => page.evaluate(() => window.__vwCensus!());

beforeAll(async () => {
  const names = Array.from({ length: TILES }, (_, i) => `teardown${i + 1}`);
  fixture = await startRtspFixture(names.map((name) => ({ name })));
  wall = await startConsole(['--no-demo']);
  // Budget off: this test is about tiles leaving, not about levels.
  await wallOf(wall, names.map((name) => ({ name, mainUrl: fixture.url(name) })), String(TILES), { auto: false, maxFullRate: null, player: 'webcodecs' });
  ({ browser, page } = await openWallPage(wall.url, async (p) => void (await p.addInitScript(watchDecoders))));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a WebCodecs wall, cleared', () => {
  it('closes every decoder and every decoded frame with its tiles', async () => {
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), LIVE).toBe(TILES);
    await page.waitForTimeout(3000); // tiles playing, frames flowing
    const playing = await census();
    expect(playing.openDecoders).toBeGreaterThanOrEqual(TILES);
    expect(playing.frames).toBeGreaterThan(TILES * 15);

    // As the officer does: the close button on each tile.
    for (let index = 0; index < TILES; index++) {
      const tile = page.locator(`[data-testid="tile"][data-index="${index}"]`);
      await tile.hover();
      await tile.getByTestId('tile-close').click();
    }
    await expect.poll(() => page.locator('[data-testid="tile"][data-camera-id]').count(), LIVE).toBe(0);
    await expect.poll(census, LIVE).toMatchObject({ openDecoders: 0, openFrames: 0 });
    console.log(`[figure] a 4-tile WebCodecs wall, cleared: ${playing.decoders} decoders and ${(await census()).frames} frames, all closed`);
  });
});
