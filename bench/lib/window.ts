/**
 * One measurement window on a playing wall: glass-to-glass samples from the page, floor samples
 * from the plain clients, presented frame rate per tile, and CPU/memory per process group.
 */
import type { Page } from 'playwright-core';
import type { Bed } from './bed.js';
import { startFfmpegFloor, startGstFloor, startRemuxFloor, type FloorClient } from './floor.js';
import { drainGlass, tileRecords, type TileRecord } from './pageProbe.js';
import { descendants, machineBusy, startSampling, type GroupFigures, type Grouping, type Proc } from './procSampler.js';
import { pageClockRegion, recordScreencast, stampsOnScreen, startPageClock } from './screencast.js';

export interface WindowResult {
  glass: number[];
  /** Per glass sample: media buffered ahead of the frame on screen, ms. */
  buffer: number[];
  floor: number[];
  transport: number[];
  /** The remux floor's samples: the console's ingest alone, decoded by GStreamer. */
  remux: number[];
  /**
   * The clock tile on the compositor's own output (a screencast right after the window, each new
   * stamp at the swap time of the first output frame showing it): what requestVideoFrameCallback's
   * expected display time is checked against.
   */
  screen: number[];
  /**
   * The page's own output delay over a second screencast of the same length (after `screen`): the
   * age of a clock the page draws at every animation frame (screencast.ts startPageClock), the part
   * of any picture's figure on the output that no player can remove.
   */
  pageOutput: number[];
  glassMisreads: number;
  /** Frames showing a picture already on screen (excluded from glass). */
  glassRepeats: number;
  fpsMean: number;
  fpsMin: number;
  cost: Record<string, GroupFigures>;
  /** The whole machine, % of one core (200 = both cores of a 2-core machine). */
  machinePct: number;
}

export interface Floors {
  ffmpeg: FloorClient | null;
  gst: FloorClient | null;
  remux?: FloorClient | null;
}

export const NO_FLOORS: Floors = { ffmpeg: null, gst: null, remux: null };

/** Every floor client, started afresh on the clock camera for one window. */
export function startFloors(clockUrl: string): Floors {
  return { ffmpeg: startFfmpegFloor(clockUrl), gst: startGstFloor(clockUrl), remux: startRemuxFloor(clockUrl) };
}

export async function stopFloors(floors: Floors): Promise<Floors> {
  await Promise.all([floors.ffmpeg?.stop(), floors.gst?.stop(), floors.remux?.stop()]);
  return NO_FLOORS;
}

/**
 * console: the headless console's Node process; ffmpeg: its ffmpeg children (one per feed);
 * renderer: the page renderers of the bench's Chromium; chromium-other: its other processes; rigs: fixture, clock camera
 * and floor clients (not the product, listed so the machine's remaining load shows).
 */
export function wallGrouping(bed: Bed, floors: Floors, peerPids: () => number[] = () => []): Grouping {
  const consolePid = bed.console.process.pid ?? -1;
  const floorPids = [floors.ffmpeg, floors.gst, floors.remux].flatMap((client) => client?.pids ?? []);
  const rigRoots = [bed.fixture.pid, bed.clock?.pid, ...floorPids].filter((p): p is number => p !== undefined && p > 0);
  return (procs) => {
    const below = descendants(process.pid, procs);
    const chromium = below.filter((p) => /chromium/.test(p.cmdline));
    const rigs = new Map<number, Proc>();
    for (const root of rigRoots) for (const p of descendants(root, procs)) rigs.set(p.pid, p);
    return new Map([
      ['console', procs.filter((p) => p.pid === consolePid)],
      // The console's ffmpeg children, or the plain peer's (one per tile) when the peer is measured.
      ['ffmpeg', [...descendants(consolePid, procs).filter((p) => p.pid !== consolePid && /ffmpeg/.test(p.cmdline)), ...procs.filter((p) => peerPids().includes(p.pid))]],
      ['renderer', chromium.filter(isPageRenderer)],
      ['chromium-other', chromium.filter((p) => !isPageRenderer(p))],
      ['rigs', [...rigs.values()]],
      ['bench', procs.filter((p) => p.pid === process.pid)],
    ]);
  };
}

/** Renderers of web pages; Chromium's own UI renderer (--top-chrome-webui) counts as chromium-other. */
const isPageRenderer = (p: Proc) => /--type=renderer/.test(p.cmdline) && !/--top-chrome-webui/.test(p.cmdline);

export async function measureWindow(page: Page, bed: Bed, floors: Floors, seconds: number, peerPids?: () => number[], screenSeconds = 0): Promise<WindowResult> {
  const glass: number[] = [];
  const buffer: number[] = [];
  await drainGlass(page);
  floors.ffmpeg?.drain();
  floors.gst?.drain();
  floors.remux?.drain();
  const before = await tileRecords(page);
  const t0 = Date.now();
  const busy = machineBusy();
  const sampler = startSampling(wallGrouping(bed, floors, peerPids), 2000);
  let misreads = 0;
  let repeats = 0;
  let cost: Record<string, GroupFigures> = {};
  try {
    const end = t0 + seconds * 1000;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, Math.min(5000, Math.max(end - Date.now(), 0))));
      const drained = await drainGlass(page);
      const fresh = drained.samples.filter((s) => !s.repeat);
      repeats += drained.samples.length - fresh.length;
      glass.push(...fresh.map((s) => s.latencyMs));
      buffer.push(...fresh.map((s) => s.bufferMs).filter(Number.isFinite));
      misreads = drained.misreads;
    }
  } finally {
    cost = sampler.stop();
  }
  const machinePct = busy();
  const after = await tileRecords(page);
  const elapsed = (Date.now() - t0) / 1000;
  const fps = rates(before, after, elapsed);
  const screen = screenSeconds > 0 ? await clockOnScreen(page, bed, screenSeconds) : [];
  const pageOutput = screenSeconds > 0 ? await pageOutputDelay(page, bed, screenSeconds) : [];
  return {
    glass,
    buffer,
    floor: (floors.ffmpeg?.drain() ?? []).map((s) => s.latencyMs),
    transport: (floors.gst?.drain() ?? []).map((s) => s.latencyMs),
    remux: (floors.remux?.drain() ?? []).map((s) => s.latencyMs),
    screen,
    pageOutput,
    glassMisreads: misreads,
    glassRepeats: repeats,
    fpsMean: fps.length ? fps.reduce((a, b) => a + b, 0) / fps.length : 0,
    fpsMin: fps.length ? Math.min(...fps) : 0,
    cost,
    machinePct,
  };
}

/** Glass-to-glass of the clock tile on the compositor's output over `seconds` (empty without a clock tile). */
async function clockOnScreen(page: Page, bed: Bed, seconds: number): Promise<number[]> {
  const clockId = bed.ids.get('clock');
  if (!clockId) return [];
  const region = await page.evaluate((id) => {
    // The tile's <video>, or the canvas of the WebCodecs canvas peer (bench/lib/peer.ts), both shown with object-fit: contain.
    const tile = `[data-testid="tile"][data-camera-id="${id}"]`;
    const shown = document.querySelector<HTMLVideoElement | HTMLCanvasElement>(`${tile} video[data-testid="tile-video"], ${tile} canvas[data-testid="tile-canvas"]`);
    const [width, height] = shown instanceof HTMLVideoElement ? [shown.videoWidth, shown.videoHeight] : [shown?.width ?? 0, shown?.height ?? 0];
    if (!shown || width === 0 || height === 0) return null;
    const r = shown.getBoundingClientRect();
    const scale = Math.min(r.width / width, r.height / height);
    return { name: 'clock', x: r.x + (r.width - width * scale) / 2, y: r.y + (r.height - height * scale) / 2, scale };
  }, clockId);
  if (!region) return [];
  const shots = await recordScreencast(page, seconds * 1000);
  return (await stampsOnScreen(bed.browser, shots, [region])).latency.get('clock') ?? [];
}

/** The page's own output delay over `seconds`: its clock drawn in a corner, read on the output, then removed. */
async function pageOutputDelay(page: Page, bed: Bed, seconds: number): Promise<number[]> {
  const rect = await page.evaluate(`(() => {
    const canvas = (${startPageClock.toString()})('position:fixed;right:0;bottom:0;width:640px;height:48px;z-index:9999;pointer-events:none');
    document.body.append(canvas);
    const r = canvas.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width };
  })()`) as { x: number; y: number; width: number };
  try {
    const shots = await recordScreencast(page, seconds * 1000);
    return (await stampsOnScreen(bed.browser, shots, [pageClockRegion(rect)])).latency.get('pageclock') ?? [];
  } finally {
    await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-testid="page-clock"]');
      if (canvas) canvas.dataset.stop = 'yes';
      canvas?.remove();
    });
  }
}

/** Presented frames per second of each tile that lived through the window. */
function rates(before: TileRecord[], after: TileRecord[], seconds: number): number[] {
  return after
    .filter((a) => a.goneAt === null)
    .map((a) => {
      const b = before.find((r) => r.index === a.index && r.cameraId === a.cameraId && r.mountAt === a.mountAt);
      return b ? (a.frames - b.frames) / seconds : NaN;
    })
    .filter(Number.isFinite);
}
