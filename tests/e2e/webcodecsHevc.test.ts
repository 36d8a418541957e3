/**
 * End to end: an H.265 camera on a WebCodecs tile. The page asks its VideoDecoder whether it
 * decodes H.265 (isConfigSupported) before it opens the stream. Debian's headless Chromium has no
 * HEVC decoder (FIELD-NOTES), so here it must say no, take the host's H.264 transcode on the same
 * WebCodecs player, and the tile must say why it is transcoded.
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

declare global {
  interface Window {
    /** Every codec the page asked VideoDecoder.isConfigSupported about, with the answer. */
    __vwAsked?: { codec: string; supported: boolean }[];
  }
}

/** Runs in the page before the app: notes what is asked of VideoDecoder.isConfigSupported. */
function noteQuestions(): void {
  const asked: { codec: string; supported: boolean }[] = [];
  window.__vwAsked = asked;
  const ask = VideoDecoder.isConfigSupported.bind(VideoDecoder);
  VideoDecoder.isConfigSupported = async (config) => {
    const answer = await ask(config);
    asked.push({ codec: config.codec, supported: answer.supported === true });
    return answer;
  };
}

const tile = () => page.locator('[data-testid="tile"][data-index="0"]');

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'hevc', codec: 'h265' }]);
  wall = await startConsole(['--no-demo']);
  await wallOf(wall, [{ name: '高效编码', mainUrl: fixture.url('hevc') }], '1', { auto: false, maxFullRate: null, player: 'webcodecs' });
  ({ browser, page } = await openWallPage(wall.url, async (p) => void (await p.addInitScript(noteQuestions))));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('an H.265 camera on a WebCodecs tile', () => {
  it('asks the decoder for H.265, and where it cannot, plays the host’s H.264 with WebCodecs and says why', { timeout: 120_000 }, async () => {
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('live');
    expect(await tile().locator('[data-testid="tile-video"]').getAttribute('data-player')).toBe('webcodecs');
    const asked = await page.evaluate(() => window.__vwAsked!);
    const hevc = asked.filter((q) => /^(hvc1|hev1)\./.test(q.codec));
    expect(hevc.map((q) => q.codec.slice(0, 4)).sort()).toEqual(['hev1', 'hvc1']);
    expect(hevc.every((q) => !q.supported)).toBe(true); // this Chromium: no HEVC decoder
    const statuses = await wall.call('stream.statuses');
    expect(statuses.ok && statuses.value.some((s) => s.transcoding && s.codec === 'h264')).toBe(true);
    const badge = tile().getByTestId('tile-transcoding');
    await expect.poll(() => badge.count(), LIVE).toBe(1);
    expect(await badge.getAttribute('title')).toContain('H.265');
  });
});
