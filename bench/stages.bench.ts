/**
 * Where the WebCodecs live player spends its glass-to-glass time (issue 16's missing frame), in
 * one page, one run, so the machine's load cancels out. `BENCH_ONLY=stages npm run bench`.
 *
 * The clock camera plays on a 1-tile wall with the WebCodecs player. A script installed before
 * the app wraps VideoDecoder and, for each picture, notes: when its bytes reached the decoder
 * (the socket message that completed its FLV tag is demuxed and decoded in the same task), when
 * its frame came out of the decoder, and the camera's stamp in that frame (VideoFrame.copyTo of
 * its top rows). The bench's probe (pageProbe) notes when the tile's <video> presented it
 * (requestVideoFrameCallback's expected display time), with the same stamp, so each stage is a
 * difference on one picture: camera → bytes in page → decoded → on screen.
 *
 * Two windows, one page: first the page as the console leaves it (nothing else drawn), then with
 * the A/B on — a copy of every decoded frame drawn at once on a 640×360 2D canvas in a corner (the
 * issue's minimal page), counted on screen one display interval after the rendering step that
 * follows the draw. In each window the compositor's own output (screencast, bench/lib/screencast.ts)
 * compares the pictures on the same output frames.
 * The remux floor (the console's ingest alone, decoded by GStreamer) is measured in each window.
 */
import { it } from 'vitest';
import { openBed } from './lib/bed.js';
import { decodeBands, latencyOf } from './lib/stamp.js';
import { waitForFirstFrames, drainGlass } from './lib/pageProbe.js';
import { Report } from './lib/report.js';
import { settings } from './lib/settings.js';
import { distribution } from './lib/stats.js';
import { markdownTable } from './lib/table.js';
import { WallView } from './lib/wallView.js';
import { startFloors, stopFloors } from './lib/window.js';
import { machineBusy } from './lib/procSampler.js';
import { recordScreencast, stampsOnScreen, type StampRegion } from './lib/screencast.js';

interface StageRecord {
  stamp: number;
  /** Epoch ms: the picture's bytes were handed to decode(). */
  arrivedAt: number;
  /** Epoch ms: its frame came out of the decoder. */
  decodedAt: number;
  /** Epoch ms: on the A/B canvas (the rendering step after its draw + one display interval); NaN when the A/B is off. */
  canvasAt: number;
}

declare global {
  interface Window {
    __vwStages?: StageRecord[];
    /** Draw the A/B canvas. */
    __vwAB?: boolean;
  }
}

/** Runs in the page, from source text: self-contained. */
function installStages(decode: (a: ArrayLike<number>, b: ArrayLike<number>) => number): void {
  const records: StageRecord[] = [];
  window.__vwStages = records;
  window.__vwAB = false;
  const epoch = () => performance.timeOrigin + performance.now();
  const Original = VideoDecoder;
  const rect = { x: 0, y: 0, width: 640, height: 48 };
  const readStamp = async (frame: VideoFrame): Promise<number> => {
    try {
      const buffer = new Uint8Array(frame.allocationSize({ rect }));
      const [luma] = await frame.copyTo(buffer, { rect });
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 40; i++) {
        a.push(buffer[luma!.offset + 12 * luma!.stride + i * 16 + 8]!);
        b.push(buffer[luma!.offset + 36 * luma!.stride + i * 16 + 8]!);
      }
      return decode(a, b);
    } finally {
      frame.close();
    }
  };
  // The A/B canvas: full size, in a corner away from the tile's stamp (its top rows).
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  canvas.dataset.testid = 'stages-canvas';
  canvas.style.cssText = 'position:fixed;right:0;bottom:0;width:640px;height:360px;z-index:9999;pointer-events:none';
  const context = canvas.getContext('2d', { alpha: false })!;
  document.addEventListener('DOMContentLoaded', () => document.body.append(canvas));
  const DISPLAY_INTERVAL_MS = 1000 / 60;
  class Staged extends Original {
    private readonly arrivals = new Map<number, number>();
    constructor(init: VideoDecoderInit) {
      let self: Staged | null = null;
      super({
        error: init.error,
        output: (frame) => {
          const decodedAt = epoch();
          const arrivedAt = self?.arrivals.get(frame.timestamp) ?? NaN;
          self?.arrivals.delete(frame.timestamp);
          if (frame.codedWidth >= 640) {
            const drawn = window.__vwAB === true;
            let canvasAt = NaN;
            const painted = new Promise<void>((resolve) => {
              if (!drawn) return resolve();
              context.drawImage(frame, 0, 0);
              requestAnimationFrame((now) => {
                canvasAt = performance.timeOrigin + now + DISPLAY_INTERVAL_MS;
                resolve();
              });
            });
            const stamp = readStamp(frame.clone());
            void Promise.all([stamp, painted]).then(([s]) => s >= 0 && records.push({ stamp: s, arrivedAt, decodedAt, canvasAt }));
          }
          init.output(frame);
        },
      });
      self = this;
    }
    override decode(chunk: EncodedVideoChunk): void {
      this.arrivals.set(chunk.timestamp, epoch());
      if (this.arrivals.size > 64) this.arrivals.delete(this.arrivals.keys().next().value!);
      super.decode(chunk);
    }
  }
  (globalThis as { VideoDecoder: unknown }).VideoDecoder = Staged;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (xs: number[]) => {
  if (xs.length === 0) return '–';
  const d = distribution(xs);
  return `${Math.round(d.p50)} / ${Math.round(d.p95)}`;
};

it('where the WebCodecs player spends its glass-to-glass time', async () => {
  const { settleSeconds, measureSeconds, firstFrameTimeoutSeconds } = settings;
  const report = new Report('stages', { settleSeconds, measureSeconds });
  const bed = await openBed({ loops: 0, clock: true });
  const view = new WallView(bed, [bed.id('clock')]);
  const raw: unknown[] = [];
  try {
    const rule = await bed.console.call('budget.setRule', { auto: true, maxFullRate: null, player: 'webcodecs' });
    if (!rule.ok) throw new Error(`budget.setRule: ${rule.message}`);
    const tiles = [bed.id('clock')];
    const { page } = await view.show('1', tiles, { freshPage: true });
    await page.addInitScript({ content: `(${installStages.toString()})(${decodeBands.toString()});` });
    const shown = await view.show('1', tiles);
    await waitForFirstFrames(shown.page, tiles, shown.actionAt, firstFrameTimeoutSeconds * 1000);
    await sleep(Math.max(settleSeconds, 3) * 1000);
    for (const ab of [false, true]) {
      await page.evaluate((on) => (window.__vwAB = on), ab);
      const floors = startFloors(bed.clock!.url);
      await sleep(3000);
      floors.remux?.drain();
      await drainGlass(page);
      await page.evaluate(() => window.__vwStages?.splice(0));
      const busy = machineBusy();
      await sleep(measureSeconds * 1000);
      const machinePct = busy();
      const glass = (await drainGlass(page)).samples.filter((s) => !s.repeat);
      const stages = await page.evaluate(() => window.__vwStages?.splice(0) ?? []);
      const remux = (floors.remux?.drain() ?? []).map((s) => s.latencyMs);
      // The same pictures on the compositor's own output frames.
      const regions = await page.evaluate(() => {
        const region = (name: string, element: Element | null, width: number, height: number) => {
          if (!element || width === 0) return null;
          const r = element.getBoundingClientRect();
          const scale = Math.min(r.width / width, r.height / height);
          return { name, x: r.x + (r.width - width * scale) / 2, y: r.y + (r.height - height * scale) / 2, scale };
        };
        const video = document.querySelector<HTMLVideoElement>('[data-testid="tile"] video[data-testid="tile-video"]');
        const canvas = window.__vwAB ? document.querySelector<HTMLCanvasElement>('canvas[data-testid="stages-canvas"]') : null;
        return [region('video', video, video?.videoWidth ?? 0, video?.videoHeight ?? 0), region('canvas', canvas, 640, 360)];
      });
      const shots = await recordScreencast(page, 6000);
      const remuxDuringShots = (floors.remux?.drain() ?? []).map((s) => s.latencyMs);
      await stopFloors(floors);
      const onScreen = await stampsOnScreen(bed.browser, shots, regions.filter((r): r is StampRegion => r !== null));

      const byStamp = new Map(stages.map((s) => [s.stamp, s]));
      const upstream: number[] = [];
      const decoding: number[] = [];
      const presenting: number[] = [];
      const onCanvas: number[] = [];
      const canvasTotal: number[] = [];
      const total: number[] = [];
      for (const sample of glass) {
        // The stamp is epoch ms modulo 2^40; the sample's glass time minus its latency is the full one.
        const stage = byStamp.get(Math.round(sample.at - sample.latencyMs) % 2 ** 40);
        total.push(sample.latencyMs);
        if (!stage) continue;
        upstream.push(latencyOf(stage.arrivedAt, stage.stamp));
        decoding.push(stage.decodedAt - stage.arrivedAt);
        presenting.push(sample.at - stage.decodedAt);
        if (Number.isFinite(stage.canvasAt)) {
          onCanvas.push(stage.canvasAt - stage.decodedAt);
          canvasTotal.push(latencyOf(stage.canvasAt, stage.stamp));
        }
      }
      const label = ab ? 'with the A/B canvas drawing every frame' : 'nothing else drawn on the page';
      report.add(
        markdownTable(
          `WebCodecs tile, 1 tile, ${label}: stages of one picture, ms p50 / p95 (${total.length} pictures, ${upstream.length} matched; machine ${Math.round(machinePct)} % of one core)`,
          ['stage', 'p50 / p95'],
          [
            ['camera → bytes in the page', fmt(upstream)],
            ['bytes → decoded frame', fmt(decoding)],
            ["decoded frame → on screen (the tile's <video>, requestVideoFrameCallback)", fmt(presenting)],
            ['glass-to-glass, the tile', fmt(total)],
            ...(ab ? [['A/B: decoded frame → on the canvas (rendering step after the draw + 16.7 ms)', fmt(onCanvas)], ['A/B: glass-to-glass, the canvas', fmt(canvasTotal)]] : []),
            ['remux floor (same window)', fmt(remux)],
          ],
        ),
      );
      report.add(
        markdownTable(
          `The compositor's output, ${label} (screencast, ${shots.length} frames over 6 s), ms p50 / p95`,
          ['picture', 'g2g at the frame\'s swap', 'new stamps', 'stamp − the tile\'s, same output frame (frames)'],
          [
            ["the tile's <video>", fmt(onScreen.latency.get('video') ?? []), String(onScreen.latency.get('video')?.length ?? 0), '0'],
            ...(ab
              ? [['A/B canvas', fmt(onScreen.latency.get('canvas') ?? []), String(onScreen.latency.get('canvas')?.length ?? 0), `${fmt(onScreen.ahead.get('canvas') ?? [])} (${onScreen.ahead.get('canvas')?.length ?? 0})`]]
              : []),
            ['remux floor (same 6 s)', fmt(remuxDuringShots), String(remuxDuringShots.length), ''],
          ],
          ['The screencast adds its own capture and encoding delay to every picture: compare pictures on the same frames, not with the floor.'],
        ),
      );
      raw.push({ ab, upstream, decoding, presenting, onCanvas, total, remux, screencast: Object.fromEntries(onScreen.latency), ahead: Object.fromEntries(onScreen.ahead) });
    }
  } finally {
    await view.close().catch(() => undefined);
    await bed.close();
  }
  report.finish(raw);
});
