/**
 * End to end: a still picture (decode budget level 3) where WebCodecs plays the tile is the last
 * frame the tile's own decoder showed, refreshed from a keyframe every few seconds: main makes no
 * JPEG for it (no `stream.still` call, no ffmpeg beyond the camera's own session).
 *
 * Level 3 the way an admin sets it: at most 0 tiles at full rate, and the tiles beyond the cap
 * show stills (其余画面显示 静态画面). The camera is the clock camera, so each picture carries the
 * time it was made: what the tile shows can be matched against what the decoder put out. Where
 * mpegts.js plays (兼容), main still makes the JPEG.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClockCamera, type ClockCamera } from '../../bench/lib/clockCamera.js';
import { decodeBands } from '../../bench/lib/stamp.js';
import { apiCallCount, openWallPage, recordApiCalls, shutDown, startConsole, wallOf, type Console } from './harness.js';

const LIVE = { timeout: 60_000 };

let clock: ClockCamera;
let wall: Console;
let browser: Browser;
let page: Page;

interface StillWatch {
  /** The clock stamp of every frame a VideoDecoder in the page put out, in order (-1: unreadable). */
  decoded: number[];
  /** The stamp of a picture, read from its top rows (the clock camera's bands). */
  stampOf(source: CanvasImageSource | VideoFrame): Promise<number>;
}

declare global {
  interface Window {
    __vwStill?: StillWatch;
  }
}

/**
 * Runs in the page before the app: notes the stamp of every frame any VideoDecoder outputs (read
 * from a clone, so the app's frame is untouched).
 */
function watchPage(decode: (a: ArrayLike<number>, b: ArrayLike<number>) => number): void {
  const rect = { x: 0, y: 0, width: 640, height: 48 };
  const stampOf = async (source: CanvasImageSource | VideoFrame): Promise<number> => {
    const frame = source instanceof VideoFrame ? source.clone() : new VideoFrame(source);
    try {
      if (frame.codedWidth < rect.width || frame.codedHeight < rect.height) return -1;
      const buffer = new Uint8Array(frame.allocationSize({ rect }));
      const [luma] = await frame.copyTo(buffer, { rect });
      if (!luma) return -1;
      const band = (row: number) => Array.from({ length: 40 }, (_, i) => buffer[luma.offset + row * luma.stride + i * 16 + 8]!);
      return decode(band(12), band(36));
    } finally {
      frame.close();
    }
  };
  const watch: StillWatch = { decoded: [], stampOf };
  window.__vwStill = watch;

  const Native = VideoDecoder;
  window.VideoDecoder = class extends Native {
    constructor(init: VideoDecoderInit) {
      super({
        ...init,
        output: (frame) => {
          const slot = watch.decoded.push(-1) - 1;
          void stampOf(frame).then((stamp) => (watch.decoded[slot] = stamp));
          init.output(frame);
        },
      });
    }
  };
}

const tile = () => page.locator('[data-testid="tile"][data-index="0"]');
const ffmpegs = async () => {
  const load = await wall.call('health.load');
  return load.ok ? load.value.ffmpeg : -1;
};
const decoded = () => page.evaluate(() => [...window.__vwStill!.decoded]);
/** The stamp of the picture the tile shows now. */
const shown = () =>
  tile()
    .locator('[data-testid="tile-video"]')
    .evaluate((element) => window.__vwStill!.stampOf(element as HTMLVideoElement | HTMLCanvasElement));

/** Whether the tile shows the newest picture the decoder put out (read twice: a refresh may fall between). */
const showsDecodersLast = async () => {
  const last = (await decoded()).at(-1);
  return (await shown()) === last && last === (await decoded()).at(-1);
};

beforeAll(async () => {
  clock = await startClockCamera(15);
  wall = await startConsole(['--no-demo']);
  await wallOf(wall, [{ name: '时钟', mainUrl: clock.url }], '1', { auto: false, maxFullRate: 0, beyondCap: 'still' });
  ({ browser, page } = await openWallPage(wall.url, async (p) => {
    await p.addInitScript(recordApiCalls);
    await p.addInitScript({ content: `(${watchPage.toString()})(${decodeBands.toString()});` });
  }));
});

afterAll(() => shutDown(browser, wall, clock));

describe("a still picture from the tile's own decoder", () => {
  it('shows the last frame the decoder put out, refreshed every few seconds, with no stream.still call and no extra ffmpeg', { timeout: 120_000 }, async () => {
    await expect.poll(() => tile().getAttribute('data-budget-level'), LIVE).toBe('3');
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('live');
    await expect.poll(() => tile().locator('[data-testid="tile-video"]').getAttribute('data-player'), LIVE).toBe('webcodecs');
    // The tile may have played at full rate before the rule arrived: judge from a still on.
    await expect.poll(async () => (await decoded()).at(-1) ?? -1, LIVE).toBeGreaterThan(0);
    const sofar = await decoded();
    const before = sofar.length;
    const firstStill = sofar.at(-1)!;
    await expect.poll(showsDecodersLast, LIVE).toBe(true);

    // Two refreshes or so over 12 s: a still refreshed from keyframes, not a moving picture.
    await page.waitForTimeout(12_000);
    const stills = (await decoded()).slice(before);
    console.log(`still stamps after the first, ms: ${stills.map((stamp) => stamp - firstStill).join(', ')}`);
    expect(stills.length).toBeGreaterThanOrEqual(1);
    expect(stills.length).toBeLessThanOrEqual(5);
    // Each refresh is a newer picture of the camera, and what the tile shows is the newest one.
    expect(stills.every((stamp) => stamp > firstStill)).toBe(true);
    await expect.poll(showsDecodersLast, LIVE).toBe(true);

    expect(await tile().locator('[data-testid="tile-still"]').count()).toBe(0);
    expect(await apiCallCount(page, 'stream.still')).toBe(0);
    // The camera's one session, which the tile plays: nothing spawned for a JPEG.
    expect(await ffmpegs()).toBe(1);
  });

  it('is a JPEG from main where mpegts.js plays (兼容), and the tile says the camera is live, not connecting', { timeout: 120_000 }, async () => {
    const ruled = await wall.call('budget.setRule', { auto: false, maxFullRate: 0, beyondCap: 'still', player: 'mpegts' });
    expect(ruled.ok).toBe(true);
    await expect.poll(() => tile().locator('[data-testid="tile-still"]').count(), LIVE).toBe(1);
    expect(await apiCallCount(page, 'stream.still')).toBeGreaterThan(0);
    // No player runs for it: the tile's state is the still's, a live camera at a low rate, not 连接中.
    await expect.poll(() => tile().getAttribute('data-state'), LIVE).toBe('live');
    expect(await tile().getByTestId('tile-budget').getAttribute('data-level')).toBe('3'); // 省流 · 静帧
  });
});
