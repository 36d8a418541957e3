/**
 * What the compositor really put out: Chromium's screencast (CDP Page.startScreencast) hands every
 * composited frame of a page with its swap time. The clock camera's stamp is read from chosen
 * regions of those frames (decoded in a page of their own, so the measured page is not charged),
 * so two pictures of one page are compared on the same output frames, without trusting either
 * path's own idea of when it was shown (requestVideoFrameCallback's expected display time, or a
 * requestAnimationFrame after a draw).
 */
import type { Browser, Page } from 'playwright-core';
import { decodeBands, latencyOf } from './stamp.js';

/** Where a stamp sits on the page: the top-left of the 640-wide picture and its scale. */
export interface StampRegion {
  name: string;
  x: number;
  y: number;
  scale: number;
}

interface Shot {
  data: string;
  /** Epoch ms of the frame's swap. */
  at: number;
}

/** Records the page's composited frames for `ms` (JPEG, quality 95: the stamp's blocks survive it). */
export async function recordScreencast(page: Page, ms: number): Promise<Shot[]> {
  const session = await page.context().newCDPSession(page);
  const shots: Shot[] = [];
  session.on('Page.screencastFrame', (frame: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
    if (frame.metadata.timestamp !== undefined) shots.push({ data: frame.data, at: frame.metadata.timestamp * 1000 });
    void session.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
  });
  await session.send('Page.startScreencast', { format: 'jpeg', quality: 95, everyNthFrame: 1 });
  await new Promise((r) => setTimeout(r, ms));
  await session.send('Page.stopScreencast').catch(() => undefined);
  await session.detach().catch(() => undefined);
  return shots;
}

/**
 * Glass-to-glass per region over the recorded frames (each new stamp counted at the first frame
 * showing it), and for each frame where a region and the first both read, its stamp minus the first's:
 * how much newer (+) or older (−) each picture is than the first on the same output frame.
 */
export async function stampsOnScreen(browser: Browser, shots: Shot[], regions: StampRegion[]): Promise<{ latency: Map<string, number[]>; ahead: Map<string, number[]> }> {
  const context = await browser.newContext();
  const reader = await context.newPage();
  const result = new Map<string, number[]>(regions.map((r) => [r.name, []]));
  const last = new Map<string, number>();
  const ahead = new Map<string, number[]>(regions.map((r) => [r.name, []]));
  try {
    for (const shot of shots) {
      const stamps = (await reader.evaluate(
        `(${readRegions.toString()})(${JSON.stringify(shot.data)}, ${JSON.stringify(regions)}, ${decodeBands.toString()})`,
      )) as number[];
      // Each region against the first, on every frame where both read (one unreadable region does not void the others).
      if (stamps[0]! >= 0) stamps.forEach((stamp, i) => stamp >= 0 && ahead.get(regions[i]!.name)!.push(stamp - stamps[0]!));
      stamps.forEach((stamp, i) => {
        const name = regions[i]!.name;
        if (stamp < 0 || last.get(name) === stamp) return;
        last.set(name, stamp);
        result.get(name)!.push(latencyOf(shot.at, stamp));
      });
    }
  } finally {
    await context.close();
  }
  return { latency: result, ahead };
}

/** Runs in the reader page, from source text: the stamp in each region of one JPEG (-1: unreadable). */
async function readRegions(base64: string, regions: StampRegion[], decode: (a: ArrayLike<number>, b: ArrayLike<number>) => number): Promise<number[]> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const luma = (x: number, y: number) => {
    const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
    return 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
  };
  return regions.map((r) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 40; i++) {
      a.push(luma(r.x + (i * 16 + 8) * r.scale, r.y + 12 * r.scale));
      b.push(luma(r.x + (i * 16 + 8) * r.scale, r.y + 36 * r.scale));
    }
    return decode(a, b);
  });
}

/**
 * Runs in the page, from source text: a 640×48 canvas on which every animation frame draws the
 * page's own Date.now() in the clock camera's stamp format (bench/lib/stamp.ts: 40 blocks of
 * 16×24 px, band A white = 1, band B its complement). Read on the output frames, its age is the
 * page's own output delay (main thread → compositor → display → screencast): the part of any
 * picture's figure that no player can remove. Returns the canvas; `dataset.stop = 'yes'` stops the drawing.
 */
export function startPageClock(style: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 48;
  canvas.dataset.testid = 'page-clock';
  canvas.style.cssText = style;
  const context = canvas.getContext('2d', { alpha: false })!;
  const draw = () => {
    if (canvas.dataset.stop === 'yes') return;
    let value = Date.now() % 2 ** 40;
    for (let i = 39; i >= 0; i--) {
      const one = value % 2 === 1;
      value = Math.floor(value / 2);
      context.fillStyle = one ? '#fff' : '#000';
      context.fillRect(i * 16, 0, 16, 24);
      context.fillStyle = one ? '#000' : '#fff';
      context.fillRect(i * 16, 24, 16, 24);
    }
    requestAnimationFrame(draw);
  };
  requestAnimationFrame(draw);
  return canvas;
}

/** Where a page clock sits on the page (its stamp is the whole 640-wide canvas, drawn at `scale`). */
export function pageClockRegion(rect: { x: number; y: number; width: number }): StampRegion {
  return { name: 'pageclock', x: rect.x, y: rect.y, scale: rect.width / 640 };
}
