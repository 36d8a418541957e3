/**
 * End to end: a WebCodecs tile's live / stalled state comes from its decoder's own output, not
 * from main's session or the <video>'s clock. The page's VideoDecoder is made to stop putting out
 * pictures (as a hung platform decoder does) while the camera and main's session stay live: the
 * tile must say its picture stopped, and be live again once pictures come out of a decoder again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { openWallPage, shutDown, startConsole, wallOf, type Console } from './harness.js';

const LIVE = { timeout: 60_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let cameraId: string;

declare global {
  interface Window {
    /** While true, every VideoDecoder in the page swallows its output frames. */
    __vwDecoderHung?: boolean;
  }
}

/** Runs in the page before the app: a decoder that can be made to put out nothing. */
function hangableDecoders(): void {
  const Native = VideoDecoder;
  window.VideoDecoder = class extends Native {
    constructor(init: VideoDecoderInit) {
      super({ ...init, output: (frame) => (window.__vwDecoderHung ? frame.close() : init.output(frame)) });
    }
  };
}

const tile = () => page.locator('[data-testid="tile"][data-index="0"]');
const hostState = async () => {
  const statuses = await wall.call('stream.statuses');
  return statuses.ok ? statuses.value.find((status) => status.cameraId === cameraId)?.state : undefined;
};

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'hung' }]);
  wall = await startConsole(['--no-demo']);
  [cameraId] = (await wallOf(wall, [{ name: '解码', mainUrl: fixture.url('hung') }], '1', { auto: false, maxFullRate: null })) as [string];
  ({ browser, page } = await openWallPage(wall.url, async (p) => void (await p.addInitScript(hangableDecoders))));
});

afterAll(() => shutDown(browser, wall, fixture));

describe("a WebCodecs tile's state", () => {
  it("says the picture stopped when its decoder puts out nothing though main's stream is live, and is live again after", { timeout: 120_000 }, async () => {
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('live');
    expect(await tile().locator('[data-testid="tile-video"]').getAttribute('data-player')).toBe('webcodecs');

    await page.evaluate(() => (window.__vwDecoderHung = true));
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('stalled');
    // The camera never stopped: only the decoder's output could tell.
    expect(await hostState()).toBe('live');

    await page.evaluate(() => (window.__vwDecoderHung = false));
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('live');
  });
});
