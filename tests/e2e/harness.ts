/**
 * End-to-end harness: the built headless console as a child process (exactly what `npm start`
 * runs), a real Chromium driven by Playwright, and a small client of the same API the page uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { startClockCamera, type ClockCamera } from '../../bench/lib/clockCamera.js';
import { installProbe } from '../../bench/lib/pageProbe.js';
import { namedLayout } from '../../preload/layouts.js';
import { builtFile } from '../fixtures/builtOutput.js';
import type { Channel, Request, Response, Result } from '../../preload/api.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags measured in FIELD-NOTES: without them timers and requestVideoFrameCallback are throttled. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export interface Console {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  call<C extends Channel>(channel: C, payload?: Request<C>): Promise<Result<Response<C>>>;
  /** What the console printed so far (its log), the last 256 KB. */
  output(): string;
  stop(): Promise<void>;
}

export async function startConsole(args: string[] = ['--no-demo'], dataDir = mkdtempSync(join(tmpdir(), 'vw-e2e-'))): Promise<Console> {
  // Refuses a missing build, and one older than the sources: a stale out/ would test yesterday's console.
  const headlessEntry = builtFile('main/headless.js');
  builtFile('renderer/index.html');
  const child = spawn(process.execPath, [headlessEntry, '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-256 * 1024);
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`console exited (${code}):\n${output}`)));
  });
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token')!;
  const api = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`, { origin });
  await new Promise((resolve, reject) => {
    api.once('open', resolve);
    api.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  api.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: Result<unknown> };
    if (frame.id !== undefined) pending.get(frame.id)?.(frame.result!);
  });
  return {
    url,
    origin,
    token,
    dataDir,
    process: child,
    output: () => output,
    call(channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        api.send(JSON.stringify({ id, channel, payload }));
      });
    },
    async stop() {
      api.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Playback {
  cameraId: string | null;
  advancedSeconds: number;
  presentedFrames: number;
  meanLuma: number;
  lumaSpread: number;
}

/**
 * Watches every tile's video for `ms`: how far currentTime advanced, how many frames were
 * presented (requestVideoFrameCallback), and whether the picture is more than black.
 */
export async function measurePlayback(page: Page, ms: number): Promise<Playback[]> {
  return page.evaluate(async (duration) => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="tile"]')];
    const results = tiles.map(async (tile) => {
      const video = tile.querySelector<HTMLVideoElement>('video[data-testid="tile-video"]');
      const cameraId = tile.dataset.cameraId ?? null;
      if (!video) return { cameraId, advancedSeconds: 0, presentedFrames: 0, meanLuma: 0, lumaSpread: 0 };
      let frames = 0;
      let watching = true;
      const onFrame = () => {
        frames++;
        if (watching) video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      const start = video.currentTime;
      await new Promise((r) => setTimeout(r, duration));
      watching = false;
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const lumas: number[] = [];
      for (let i = 0; i < pixels.length; i += 4) lumas.push(0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!);
      const mean = lumas.reduce((a, b) => a + b, 0) / lumas.length;
      const spread = Math.sqrt(lumas.reduce((a, b) => a + (b - mean) ** 2, 0) / lumas.length);
      return { cameraId, advancedSeconds: video.currentTime - start, presentedFrames: frames, meanLuma: mean, lumaSpread: spread };
    });
    return Promise.all(results);
  }, ms);
}

/** A browser with one page at the wall's address, as an operator's screen would be. */
export async function openWallPage(url: string, prepare?: (page: Page) => Promise<void>): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await prepare?.(page);
  await page.goto(url);
  return { browser, page };
}

type Stoppable = { close(): Promise<unknown> } | { stop(): Promise<unknown> } | undefined | null;

/** Stops what a suite started, in order (browser, then console, then cameras), skipping what never started. */
export async function shutDown(...parts: Stoppable[]): Promise<void> {
  for (const part of parts) {
    if (!part) continue;
    // close() when there is one: an RTSP fixture's stop(name) stops one camera, not the fixture.
    await ('close' in part ? part.close() : part.stop());
  }
}

/** How far a tile's front video advances in `ms` (seconds of video; 0 without a video). */
export function tileAdvance(page: Page, index: number, ms = 1500): Promise<number> {
  return page.evaluate(
    async ([i, wait]) => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="tile"][data-index="${i}"] video[data-testid="tile-video"]`);
      if (!video) return 0;
      const start = video.currentTime;
      await new Promise((r) => setTimeout(r, wait));
      return video.currentTime - start;
    },
    [index, ms] as const,
  );
}

/**
 * A console with these cameras (added in order) on a wall of `layout`, under the budget `rule`:
 * the usual start of a wall test. Returns the cameras' ids, in order.
 */
export async function wallOf(wall: Console, cameras: readonly { name: string; mainUrl: string }[], layout: string, rule: Request<'budget.setRule'>): Promise<string[]> {
  const ids: string[] = [];
  for (const camera of cameras) ids.push(await addCamera(wall, camera.name, camera.mainUrl));
  const set = await wall.call('wall.set', { layout: namedLayout(layout)!, tiles: ids });
  if (!set.ok) throw new Error(`wall.set: ${set.message}`);
  const ruled = await wall.call('budget.setRule', rule);
  if (!ruled.ok) throw new Error(`budget.setRule: ${ruled.message}`);
  return ids;
}

/** Adds a camera through the API; its id. */
export async function addCamera(con: Pick<Console, 'call'>, name: string, mainUrl: string, siteId?: string): Promise<string> {
  const result = await con.call('cameras.add', { name, mainUrl, ...(siteId ? { siteId } : {}) });
  if (!result.ok) throw new Error(`cameras.add failed: ${result.message}`);
  return result.value.id;
}

/** Puts a camera on a tile as an operator does: select the tile, click the camera in the tree. */
export async function assignTile(page: Page, index: number, cameraId: string): Promise<void> {
  await page.locator(`[data-testid="tile"][data-index="${index}"]`).click();
  await page.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`).click();
  await page.locator(`[data-testid="tile"][data-index="${index}"][data-camera-id="${cameraId}"]`).waitFor();
}

/** A console with no demo and one village, 东村, the usual start of a test that adds its own cameras. */
export async function startVillageConsole(): Promise<{ wall: Console; siteId: string }> {
  const wall = await startConsole(['--no-demo']);
  const site = await wall.call('sites.save', { name: '东村', level: 'village', parentId: null });
  if (!site.ok) throw new Error(`sites.save failed: ${site.message}`);
  return { wall, siteId: site.value.id };
}

declare global {
  interface Window {
    __vwApiCalls?: string[];
  }
}

/** Runs in the page before the app (addInitScript): notes the channel of every API call the page sends. */
export function recordApiCalls(): void {
  const calls: string[] = [];
  window.__vwApiCalls = calls;
  // The page's own WebSocket (not the `ws` this file imports for Node).
  const Socket = globalThis.WebSocket;
  const send = Socket.prototype.send;
  Socket.prototype.send = function (this: globalThis.WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string') {
      try {
        const channel = (JSON.parse(data) as { channel?: unknown }).channel;
        if (typeof channel === 'string') calls.push(channel);
      } catch {
        // not an API frame
      }
    }
    return send.call(this, data);
  };
}

/** How many times the page (with `recordApiCalls` installed) has called `channel`. */
export function apiCallCount(page: Page, channel: Channel): Promise<number> {
  return page.evaluate((wanted) => (window.__vwApiCalls ?? []).filter((c) => c === wanted).length, channel);
}

export interface ClockWall {
  clock: ClockCamera;
  wall: Console;
  cameraId: string;
  browser: Browser;
  page: Page;
}

/**
 * The bench's clock camera on a fresh console's wall (`tiles`: each tile of `layout` shows it or
 * not), recorded (main, a day) when asked, in a Chromium whose probe reads the stamp of every
 * picture presented: the start of every test that measures pictures against the camera's clock.
 */
export async function clockCameraWall(layout: string, tiles: boolean[], options: { record?: boolean; vbr?: boolean; h265?: boolean } = {}): Promise<ClockWall> {
  const clock = await startClockCamera(15, { vbr: options.vbr ?? false, h265: options.h265 ?? false });
  const wall = await startConsole(['--no-demo']);
  const cameraId = await addCamera(wall, '时钟', clock.url);
  if (options.record) {
    const state = await wall.call('recording.get');
    if (!state.ok) throw new Error(state.message);
    const recording = await wall.call('recording.set', { ...state.value.settings, cameras: [{ cameraId, profile: 'main', days: 1 }], minFreeGb: 0.1 });
    if (!recording.ok) throw new Error(`recording.set: ${recording.message}`);
  }
  const set = await wall.call('wall.set', { layout: namedLayout(layout)!, tiles: tiles.map((shows) => (shows ? cameraId : null)) });
  if (!set.ok) throw new Error(`wall.set: ${set.message}`);
  const { browser, page } = await openWallPage(wall.url, (p) => installProbe(p, [cameraId]));
  return { clock, wall, cameraId, browser, page };
}

/** The clock camera's wall (above), recorded for `recordMs` while it plays live; where its footage begins. */
export async function recordedClockWall(layout: string, tiles: boolean[], recordMs: number, options: { h265?: boolean } = {}): Promise<ClockWall & { recordedFrom: number }> {
  const clockWall = await clockCameraWall(layout, tiles, { record: true, ...options });
  const started = Date.now();
  await clockWall.page.waitForTimeout(recordMs);
  const list = await clockWall.wall.call('recording.list', { cameraId: clockWall.cameraId, profile: 'main', from: started - 60_000, to: Date.now() });
  if (!list.ok || list.value.segments.length === 0) throw new Error(`nothing recorded: ${JSON.stringify(list)}`);
  return { ...clockWall, recordedFrom: list.value.segments[0]!.startedAt };
}
