/**
 * Where the WebCodecs live player spends its glass-to-glass time (issue 16's missing frame), in
 * one page per wall size, so the machine's load cancels out. `BENCH_ONLY=stages npm run bench`,
 * `BENCH_TILES=1,4,16` for the sizes, `BENCH_STAGES_AB=pts,now,worker,canvas` for the A/B presenters.
 *
 * The clock camera plays on tile 0 of a wall of `size` tiles with the WebCodecs player (the other
 * tiles play the looping fixture cameras). A script installed before the app wraps VideoDecoder
 * and, for each picture of the clock tile, notes: when its bytes reached the decoder (the socket
 * message that completed its FLV tag is demuxed and decoded in the same task), when its frame came
 * out of the decoder, and the camera's stamp in that frame (VideoFrame.copyTo of its top rows). The
 * bench's probe (pageProbe) notes when the tile's <video> presented it (requestVideoFrameCallback's
 * expected display time), with the same stamp, so each stage is a difference on one picture:
 * camera → bytes in page → decoded → presented.
 *
 * requestVideoFrameCallback is not trusted for a MediaStream <video> (it reads up to a frame off
 * the compositor's output). So the same decoded frames are also handed, as they leave the decoder,
 * to A/B presenters beside the tile (see PRESENTERS), and the compositor's own output frames
 * (screencast, bench/lib/screencast.ts) compare each presenter's stamp with the tile's on the SAME
 * output frame: a difference that does not depend on the machine's load or on the screencast's
 * own delay. The remux floor (the console's ingest alone, decoded by GStreamer) is measured in
 * each window.
 */
import { it } from 'vitest';
import { loopName, openBed } from './lib/bed.js';
import { decodeBands, latencyOf } from './lib/stamp.js';
import { waitForFirstFrames, drainGlass } from './lib/pageProbe.js';
import { Report } from './lib/report.js';
import { settings } from './lib/settings.js';
import { distribution } from './lib/stats.js';
import { markdownTable } from './lib/table.js';
import { WallView } from './lib/wallView.js';
import { startFloors, stopFloors } from './lib/window.js';
import { machineBusy } from './lib/procSampler.js';
import { recordScreencast, stampsOnScreen, startPageClock, type StampRegion } from './lib/screencast.js';

interface StageRecord {
  stamp: number;
  /** Epoch ms: the picture's bytes were handed to decode(). */
  arrivedAt: number;
  /** Epoch ms: its frame came out of the decoder. */
  decodedAt: number;
}

declare global {
  interface Window {
    __vwStages?: StageRecord[];
    /** Hand the clock tile's decoded frames to the A/B presenters. */
    __vwAB?: boolean;
    /** What became of the worker presenter (its generator kind, or why it failed). */
    __vwWorkerPresenter?: string;
  }
}

/**
 * The A/B presenters: each shows a copy of every decoded frame of the clock tile, the moment it
 * leaves the decoder, in a 384×216 box in rows of four from the bottom right (away from the tile's stamp).
 * - `canvas`: drawn on a 2D canvas (the minimal page), the reference "on screen at decode";
 * - `pts`: a second MediaStreamTrackGenerator → <video>, the frame as the engine writes it (camera pts);
 * - `now`: the same, the frame re-wrapped with a timestamp taken now (issue 16 hypothesis (a));
 * - `worker`: the frame transferred to a DedicatedWorker that writes it into its own generator, whose
 *   track is shown here (hypothesis (b): the write and the track's delivery off the page's main thread).
 * - `pageclock`: no video at all: the page's own clock (screencast.ts startPageClock), its age on the
 *   output frame is the page's own output delay at this wall size.
 */
export const PRESENTERS = ['pts', 'now', 'worker', 'canvas', 'pageclock'] as const;
export type PresenterName = (typeof PRESENTERS)[number];

/** Runs in the page, from source text: self-contained. */
function installStages(decode: (a: ArrayLike<number>, b: ArrayLike<number>) => number, names: string[], startClock: (style: string) => HTMLCanvasElement): void {
  const records: StageRecord[] = [];
  window.__vwStages = records;
  window.__vwAB = false;
  const epoch = () => performance.timeOrigin + performance.now();
  const Original = VideoDecoder;
  const rect = { x: 0, y: 0, width: 640, height: 48 };
  const stampOf = async (frame: VideoFrame): Promise<number> => {
    const buffer = new Uint8Array(frame.allocationSize({ rect }));
    const [luma] = await frame.copyTo(buffer, { rect });
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 40; i++) {
      a.push(buffer[luma!.offset + 12 * luma!.stride + i * 16 + 8]!);
      b.push(buffer[luma!.offset + 36 * luma!.stride + i * 16 + 8]!);
    }
    return decode(a, b);
  };
  type Generator = MediaStreamTrack & { writable: WritableStream<VideoFrame> };
  const Generator = (globalThis as unknown as { MediaStreamTrackGenerator: new (init: { kind: 'video' }) => Generator }).MediaStreamTrackGenerator;
  const boxes: HTMLElement[] = [];
  const box = (element: HTMLElement, name: string, slot: number) => {
    element.dataset.testid = `stages-${name}`;
    element.style.cssText = `position:fixed;bottom:${Math.floor(slot / 4) * 226}px;right:${(slot % 4) * 394}px;width:384px;height:216px;z-index:9999;pointer-events:none;background:#000;object-fit:contain`;
    boxes.push(element);
  };
  const videoOf = (track: MediaStreamTrack, name: string, slot: number) => {
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.srcObject = new MediaStream([track]);
    void video.play().catch(() => undefined);
    box(video, name, slot);
    return video;
  };
  /** Each takes ownership of the frame it is given. */
  const presenters: ((frame: VideoFrame) => void)[] = [];
  names.forEach((name, slot) => {
    if (name === 'canvas') {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 360;
      const context = canvas.getContext('2d', { alpha: false })!;
      box(canvas, name, slot);
      presenters.push((frame) => {
        context.drawImage(frame, 0, 0);
        frame.close();
      });
    } else if (name === 'pageclock') {
      const canvas = startClock('');
      box(canvas, name, slot);
      canvas.style.height = `${(384 * 48) / 640}px`;
      presenters.push((frame) => frame.close());
    } else if (name === 'pts' || name === 'now') {
      const generator = new Generator({ kind: 'video' });
      const writer = generator.writable.getWriter();
      videoOf(generator, name, slot);
      presenters.push((frame) => {
        let out = frame;
        if (name === 'now') {
          out = new VideoFrame(frame, { timestamp: Math.round(performance.now() * 1000) });
          frame.close();
        }
        // As the engine: a frame the <video> has not taken yet is dropped, not queued.
        if (writer.desiredSize !== null && writer.desiredSize <= 0) return out.close();
        writer.write(out).catch(() => out.close());
      });
    } else if (name === 'worker') {
      const source = `
        let writer = null;
        try {
          const Gen = self.VideoTrackGenerator ?? null;
          const generator = Gen ? new Gen() : new MediaStreamTrackGenerator({ kind: 'video' });
          const track = generator.track ?? generator;
          writer = generator.writable.getWriter();
          self.postMessage({ track, kind: Gen ? 'VideoTrackGenerator' : 'MediaStreamTrackGenerator' }, [track]);
        } catch (error) {
          self.postMessage({ error: String(error) });
        }
        self.onmessage = (event) => {
          const frame = event.data;
          if (writer.desiredSize !== null && writer.desiredSize <= 0) return frame.close();
          writer.write(frame).catch(() => frame.close());
        };`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      let ready = false;
      worker.onmessage = (event: MessageEvent<{ track?: MediaStreamTrack; kind?: string; error?: string }>) => {
        window.__vwWorkerPresenter = event.data.error ? `failed: ${event.data.error}` : `${event.data.kind} in a worker`;
        if (!event.data.track) return;
        const video = videoOf(event.data.track, name, slot);
        document.body?.append(video);
        ready = true;
      };
      worker.onerror = (event) => void (window.__vwWorkerPresenter = `failed: ${event.message}`);
      presenters.push((frame) => {
        if (!ready) return frame.close();
        worker.postMessage(frame, [frame]);
      });
    }
  });
  document.addEventListener('DOMContentLoaded', () => document.body.append(...boxes));

  class Staged extends Original {
    private readonly arrivals = new Map<number, number>();
    /** Whether this decoder is the clock camera's (its frames carry a stamp): decided on its first frames. */
    private clock: boolean | null = null;
    private reads = 0;
    constructor(init: VideoDecoderInit) {
      let self: Staged | null = null;
      super({
        error: init.error,
        output: (frame) => {
          const me = self!;
          const decodedAt = epoch();
          const arrivedAt = me.arrivals.get(frame.timestamp) ?? NaN;
          me.arrivals.delete(frame.timestamp);
          // Copies for the A/B presenters are taken now and shown right after the engine has its frame.
          const copies = me.clock === true && window.__vwAB === true ? presenters.map(() => frame.clone()) : [];
          if (me.clock !== false && frame.codedWidth >= 640) {
            const copy = frame.clone();
            void stampOf(copy)
              .then((stamp) => {
                if (me.clock === null) {
                  me.reads += 1;
                  if (stamp >= 0) me.clock = true;
                  else if (me.reads >= 5) me.clock = false;
                }
                if (stamp >= 0) records.push({ stamp, arrivedAt, decodedAt });
              })
              .finally(() => copy.close());
          }
          init.output(frame);
          copies.forEach((copy, i) => presenters[i]!(copy));
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
const mean = (xs: number[]) => (xs.length === 0 ? '–' : (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1));
/** Which presenters to run beside the tile (BENCH_STAGES_AB, comma-separated; default all). */
function chosenPresenters(): PresenterName[] {
  const raw = process.env.BENCH_STAGES_AB;
  if (!raw) return [...PRESENTERS];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PRESENTERS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`BENCH_STAGES_AB=${raw}: expected some of ${PRESENTERS.join(',')}`);
  return names as PresenterName[];
}

it('where the WebCodecs player spends its glass-to-glass time', async () => {
  const { settleSeconds, measureSeconds, firstFrameTimeoutSeconds, tiles: sizes } = settings;
  const presenters = chosenPresenters();
  const screenMs = Math.max(2, Number(process.env.BENCH_SCREEN_S ?? 6)) * 1000;
  const report = new Report('stages', { sizes, presenters, settleSeconds, measureSeconds, screenMs });
  const bed = await openBed({ loops: Math.max(...sizes) - 1, clock: true });
  const view = new WallView(bed, [bed.id('clock')]);
  const raw: unknown[] = [];
  try {
    const rule = await bed.console.call('budget.setRule', { auto: true, maxFullRate: null, player: 'webcodecs' });
    if (!rule.ok) throw new Error(`budget.setRule: ${rule.message}`);
    for (const size of sizes) {
      const tiles = [bed.id('clock'), ...Array.from({ length: size - 1 }, (_, i) => bed.id(loopName(i)))];
      const { page } = await view.show(String(size), tiles, { freshPage: true });
      await page.addInitScript({ content: `(${installStages.toString()})(${decodeBands.toString()}, ${JSON.stringify(presenters)}, ${startPageClock.toString()});` });
      const shown = await view.show(String(size), tiles);
      const first = await waitForFirstFrames(shown.page, tiles, shown.actionAt, firstFrameTimeoutSeconds * 1000);
      await page.evaluate(() => (window.__vwAB = true));
      await sleep(Math.max(settleSeconds, 3) * 1000);
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
      // The same pictures on the compositor's own output frames: the clock tile first, then each presenter.
      const regions = await page.evaluate(
        ({ clockId, names }) => {
          const region = (name: string, element: Element | null, width: number, height: number) => {
            if (!element || width === 0) return null;
            const r = element.getBoundingClientRect();
            const scale = Math.min(r.width / width, r.height / height);
            return { name, x: r.x + (r.width - width * scale) / 2, y: r.y + (r.height - height * scale) / 2, scale };
          };
          const video = document.querySelector<HTMLVideoElement>(`[data-testid="tile"][data-camera-id="${clockId}"] video[data-testid="tile-video"]`);
          return [
            region('tile', video, video?.videoWidth ?? 0, video?.videoHeight ?? 0),
            ...names.map((name) => {
              const element = document.querySelector<HTMLElement>(`[data-testid="stages-${name}"]`);
              const width = element instanceof HTMLVideoElement ? element.videoWidth : element instanceof HTMLCanvasElement ? element.width : 0;
              const height = element instanceof HTMLVideoElement ? element.videoHeight : element instanceof HTMLCanvasElement ? element.height : 0;
              return region(name, element, width, height);
            }),
          ];
        },
        { clockId: bed.id('clock'), names: presenters },
      );
      const shots = await recordScreencast(page, screenMs);
      const remuxDuringShots = (floors.remux?.drain() ?? []).map((s) => s.latencyMs);
      await stopFloors(floors);
      const readable = regions.filter((r): r is StampRegion => r !== null);
      const onScreen = readable[0]?.name === 'tile' ? await stampsOnScreen(bed.browser, shots, readable) : { latency: new Map<string, number[]>(), ahead: new Map<string, number[]>() };

      const byStamp = new Map(stages.map((s) => [s.stamp, s]));
      const upstream: number[] = [];
      const decoding: number[] = [];
      const presenting: number[] = [];
      const total: number[] = [];
      for (const sample of glass) {
        // The stamp is epoch ms modulo 2^40; the sample's glass time minus its latency is the full one.
        const stage = byStamp.get(Math.round(sample.at - sample.latencyMs) % 2 ** 40);
        total.push(sample.latencyMs);
        if (!stage) continue;
        upstream.push(latencyOf(stage.arrivedAt, stage.stamp));
        decoding.push(stage.decodedAt - stage.arrivedAt);
        presenting.push(sample.at - stage.decodedAt);
      }
      const live = `${first.records.length}/${size} tiles live`;
      const workerPresenter = presenters.includes('worker') ? await page.evaluate(() => window.__vwWorkerPresenter ?? 'no answer').catch(() => 'page gone') : null;
      report.add(
        markdownTable(
          `WebCodecs, ${size} tile(s), the clock tile: stages of one picture, ms p50 / p95 (${total.length} pictures, ${upstream.length} matched; ${live}; machine ${Math.round(machinePct)} % of one core)`,
          ['stage', 'p50 / p95'],
          [
            ['camera → bytes in the page', fmt(upstream)],
            ['bytes → decoded frame', fmt(decoding)],
            ["decoded frame → on screen (the tile's <video>, requestVideoFrameCallback)", fmt(presenting)],
            ['glass-to-glass, the tile (requestVideoFrameCallback)', fmt(total)],
            ['remux floor (same window)', fmt(remux)],
          ],
        ),
      );
      const row = (name: string, label: string) => {
        // A difference of seconds is a misread stamp (JPEG noise across a block edge), not a picture.
        const ahead = (onScreen.ahead.get(name) ?? []).filter((d) => Math.abs(d) < 2000);
        return [label, fmt(onScreen.latency.get(name) ?? []), String(onScreen.latency.get(name)?.length ?? 0), name === 'tile' ? '0' : name === 'pageclock' ? '' : `${fmt(ahead)} (${ahead.length})`, name === 'tile' ? '0' : name === 'pageclock' ? '' : mean(ahead)];
      };
      const labels: Record<PresenterName, string> = {
        canvas: 'A/B: 2D canvas, drawn at decode',
        pts: 'A/B: second generator → <video>, camera pts (as the tile)',
        now: 'A/B: second generator → <video>, timestamp = now',
        worker: 'A/B: generator in a DedicatedWorker → <video>',
        pageclock: "the page's own clock, drawn every animation frame (no video): the page's output delay",
      };
      report.add(
        markdownTable(
          `The compositor's output, ${size} tile(s) (screencast, ${shots.length} frames over ${screenMs / 1000} s), ms`,
          ['picture', "g2g at the frame's swap, p50 / p95", 'new stamps', "stamp − the tile's on the same output frame, p50 / p95 (frames)", 'mean'],
          [
            row('tile', "the clock tile's <video> (the engine)"),
            ...presenters.filter((name) => onScreen.latency.has(name)).map((name) => row(name, labels[name])),
            ['remux floor (same seconds)', fmt(remuxDuringShots), String(remuxDuringShots.length), '', ''],
          ],
          [
            'Positive: that picture is newer than the tile\'s on the same output frame. The screencast adds its own capture delay to every picture alike: compare pictures on the same frames.',
            ...(workerPresenter ? [`worker presenter: ${workerPresenter}`] : []),
          ],
        ),
      );
      await view.close();
      raw.push({ size, workerPresenter, tilesLive: first.records.length, machinePct, upstream, decoding, presenting, total, remux, screencast: Object.fromEntries(onScreen.latency), ahead: Object.fromEntries(onScreen.ahead) });
    }
  } finally {
    await view.close().catch(() => undefined);
    await bed.close();
  }
  report.finish(raw);
});
