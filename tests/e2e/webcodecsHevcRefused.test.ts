/**
 * End to end: the H.265 pass-through path in real Chromium, on a platform that claims HEVC and then
 * cannot decode it (a driver that says more than it does: a real case).
 *
 * The one stand-in is at the platform boundary: an init script makes `VideoDecoder.isConfigSupported`
 * say yes for hvc1/hev1, because Debian's headless Chromium has no HEVC decoder (FIELD-NOTES).
 * Everything else is real: main passes the fixture's H.265 camera through as MPEG-TS (no transcode),
 * the page's demuxer builds the configuration, `configure` is called with it, and Chromium's own
 * decoder refuses it (here "OperationError: Unsupported configuration", not the spec's NotSupportedError). The product must then ask main for H.264 for this camera
 * on the same WebCodecs player, remember it for the page (the next tile does not try again), play,
 * say why on the 转码中 badge, and keep the camera to one RTSP pull.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { CAMERA_FFMPEG_PATTERN, connectedTo, listProcesses } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { addCamera, assignTile, openWallPage, shutDown, startVillageConsole, tileAdvance, type Console } from './harness.js';

const LIVE = { timeout: 60_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let cameraId: string;
const dir = mkdtempSync(join(tmpdir(), 'vw-hevc-refused-'));

/** What the page's decoders were given and said. */
interface DecoderLog {
  configured: { codec: string; description: number[] }[];
  errors: string[];
}

declare global {
  interface Window {
    __vwDecoders?: DecoderLog;
  }
}

/**
 * Runs in the page before the app. The stand-in: `isConfigSupported` says yes to H.265 (this
 * Chromium would say no). Beyond that it only notes what each decoder is configured with and the
 * errors it reports; the real decoder does the rest.
 */
function claimHevcAndNoteDecoders(): void {
  const log: DecoderLog = { configured: [], errors: [] };
  window.__vwDecoders = log;
  const Real = VideoDecoder;
  class NotedDecoder extends Real {
    constructor(init: VideoDecoderInit) {
      super({
        output: init.output,
        error: (error) => {
          log.errors.push(`${error.name}: ${error.message}`);
          init.error(error);
        },
      });
    }
    override configure(config: VideoDecoderConfig): void {
      const description = config.description ? new Uint8Array(config.description instanceof ArrayBuffer ? config.description : (config.description as ArrayBufferView).buffer) : new Uint8Array(0);
      log.configured.push({ codec: config.codec, description: [...description] });
      super.configure(config);
    }
    static override isConfigSupported(config: VideoDecoderConfig): Promise<VideoDecoderSupport> {
      if (/^(hvc1|hev1)\./.test(config.codec)) return Promise.resolve({ supported: true, config });
      return Real.isConfigSupported(config);
    }
  }
  window.VideoDecoder = NotedDecoder;
}

/** A stream socket the page opened: its URL and the first bytes of its first frames. */
interface StreamSocket {
  url: string;
  heads: number[][];
  lengths: number[];
}
const streamSockets: StreamSocket[] = [];

function noteStreamSockets(p: Page): void {
  p.on('websocket', (socket) => {
    if (!socket.url().includes('/stream/')) return;
    const noted: StreamSocket = { url: socket.url(), heads: [], lengths: [] };
    streamSockets.push(noted);
    socket.on('framereceived', (frame) => {
      if (noted.heads.length >= 5 || typeof frame.payload === 'string') return;
      noted.heads.push([...frame.payload.subarray(0, 4)]);
      noted.lengths.push(frame.payload.length);
    });
  });
}

/**
 * What ffmpeg and ffprobe say of the camera: its profile and level (ffprobe), and the hvcC ffmpeg's
 * MP4 muxer writes for it, whose first 13 bytes name the codec as ISO/IEC 14496-15 E.3 says.
 */
function whatFfmpegSays(url: string): { profile: string; level: number; hvcC: Uint8Array; codec: string } {
  const probe = spawnSync('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-select_streams', 'v:0', '-show_streams', '-of', 'json', url], { timeout: 30_000 });
  if (probe.status !== 0) throw new Error(`ffprobe failed: ${probe.stderr}`);
  const stream = (JSON.parse(probe.stdout.toString()) as { streams: { codec_name: string; profile: string; level: number }[] }).streams[0]!;
  expect(stream.codec_name).toBe('hevc');
  const mp4 = join(dir, 'camera.mp4');
  const remux = spawnSync('ffmpeg', ['-v', 'error', '-y', '-rtsp_transport', 'tcp', '-i', url, '-t', '1', '-c', 'copy', '-tag:v', 'hvc1', mp4], { timeout: 30_000 });
  if (remux.status !== 0) throw new Error(`ffmpeg failed: ${remux.stderr}`);
  const bytes = readFileSync(mp4);
  const at = bytes.indexOf('hvcC');
  const hvcC = new Uint8Array(bytes.subarray(at + 4, at - 4 + bytes.readUInt32BE(at - 4)));
  const space = ['', 'A', 'B', 'C'][hvcC[1]! >> 6]!;
  const tier = (hvcC[1]! & 0x20) !== 0 ? 'H' : 'L';
  const profileIdc = hvcC[1]! & 0x1f;
  let compatibility = 0;
  const flags = (hvcC[2]! << 24) | (hvcC[3]! << 16) | (hvcC[4]! << 8) | hvcC[5]!;
  for (let bit = 0; bit < 32; bit++) if (flags & (1 << bit)) compatibility |= 1 << (31 - bit);
  const constraints = [...hvcC.subarray(6, 12)];
  while (constraints.length > 0 && constraints.at(-1) === 0) constraints.pop();
  const codec = ['hvc1', `${space}${profileIdc}`, (compatibility >>> 0).toString(16).toUpperCase(), `${tier}${hvcC[12]}`, ...constraints.map((b) => b.toString(16).toUpperCase())].join('.');
  return { profile: stream.profile, level: stream.level, hvcC, codec };
}

/** The console's own camera ffmpegs that hold a connection to the fixture: its RTSP pulls now. */
function consolePulls(): { pid: number; cmdline: string }[] {
  return listProcesses(CAMERA_FFMPEG_PATTERN).filter((p) => p.ppid === wall.process.pid && connectedTo(p.pid, fixture.port));
}

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const decoders = () => page.evaluate(() => window.__vwDecoders!);

let camera: ReturnType<typeof whatFfmpegSays>;

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'hevc', codec: 'h265' }]);
  camera = whatFfmpegSays(fixture.url('hevc'));
  const village = await startVillageConsole();
  wall = village.wall;
  cameraId = await addCamera(wall, '高效编码', fixture.url('hevc'), village.siteId);
  const set = await wall.call('wall.set', { layout: namedLayout('4')!, tiles: [cameraId, null, null, null] });
  if (!set.ok) throw new Error(`wall.set: ${set.message}`);
  const rule = await wall.call('budget.setRule', { auto: false, maxFullRate: null, player: 'webcodecs' });
  if (!rule.ok) throw new Error(`budget.setRule: ${rule.message}`);
  ({ browser, page } = await openWallPage(wall.url, async (p) => {
    noteStreamSockets(p);
    await p.addInitScript(claimHevcAndNoteDecoders);
  }));
}, 120_000);

afterAll(async () => {
  await shutDown(browser, wall, fixture);
  rmSync(dir, { recursive: true, force: true });
});

describe('an H.265 camera on a page whose decoder claims H.265 and then refuses it', () => {
  it('is passed through as MPEG-TS, refused by the decoder, then played as the host’s H.264 on the same WebCodecs player, with one pull', { timeout: 150_000 }, async () => {
    await expect.poll(() => tile(0).getAttribute('data-state'), LIVE).toBe('live');
    expect(await tile(0).locator('[data-testid="tile-video"]').getAttribute('data-player')).toBe('webcodecs');
    expect(await tileAdvance(page, 0, 2000)).toBeGreaterThan(0.5);

    // 1. The pass-through: main sent MPEG-TS, copied, on a socket that asked for H.265.
    const [passThrough, fallback] = streamSockets;
    expect(passThrough!.url).toContain('hevc=1');
    expect(passThrough!.heads[0]![0]).toBe(0x47); // MPEG-TS sync byte
    expect(passThrough!.lengths.every((length) => length % 188 === 0)).toBe(true);
    const log = wall.output();
    const starts = [...log.matchAll(/ffmpeg started.*? mode="([a-z-]+)"/g)].map((m) => m[1]);
    expect(starts).toContain('ts-copy');
    // No transcode while the page said it decodes H.265; one after, and only one (it knew the codec).
    expect(starts.slice(0, starts.indexOf('ts-copy') + 1)).not.toContain('flv-transcode');
    expect(starts.filter((mode) => mode === 'flv-transcode')).toHaveLength(1);

    // 2. The page's demuxer built the configuration ffmpeg would: codec string and hvcC.
    const { configured, errors } = await decoders();
    const hevcConfig = configured.find((c) => c.codec.startsWith('hvc1'));
    expect(camera.profile).toBe('Main');
    expect(camera.codec).toMatch(new RegExp(`^hvc1\\.1\\.[0-9A-F]+\\.L${camera.level}(\\.[0-9A-F]+)*$`));
    expect(hevcConfig?.codec).toBe(camera.codec);
    const description = hevcConfig!.description;
    expect(description[0]).toBe(1); // configurationVersion: an hvcC, so pictures come length-prefixed
    expect(description.slice(1, 13)).toEqual([...camera.hvcC.subarray(1, 13)]);
    expect(description[22]).toBe(camera.hvcC[22]); // VPS, SPS, PPS arrays

    // 3. Chromium's own decoder refused it, once. Not the spec's NotSupportedError: Chromium 156
    // says "OperationError: Unsupported configuration. Check isConfigSupported() …" at configure.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^(NotSupportedError|OperationError): /);

    // 4. The fallback: the host's H.264 (FLV), on WebCodecs, transcoded, and the badge says why.
    expect(fallback!.url).not.toContain('hevc=1');
    expect(String.fromCharCode(...fallback!.heads[0]!.slice(0, 3))).toBe('FLV');
    expect(configured.some((c) => c.codec.startsWith('avc1'))).toBe(true);
    const statuses = await wall.call('stream.statuses');
    expect(statuses.ok && statuses.value.filter((s) => s.cameraId === cameraId).map((s) => [s.transcoding, s.codec, s.cameraCodec])).toEqual([[true, 'h264', 'hevc']]);
    const badge = tile(0).getByTestId('tile-transcoding');
    await expect.poll(() => badge.getAttribute('data-why'), LIVE).toBe('hevc-refused');
    const why = (await badge.getAttribute('title'))!;
    expect(why).toContain('H.265');
    expect(why).toContain('显卡驱动');
    expect(why).toContain(camera.codec); // the decoder's own words, one hover away

    // 5. One pull at a time: the pass-through's ffmpeg is gone once the transcode plays.
    const pulls = consolePulls();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.cmdline).toContain('libx264');
  });

  it('is remembered for the page: a second tile of the camera asks for H.264 at once and shares the one pull', { timeout: 90_000 }, async () => {
    const before = (await decoders()).configured.length;
    const socketsBefore = streamSockets.length;
    await assignTile(page, 1, cameraId);
    await expect.poll(() => tile(1).getAttribute('data-state'), LIVE).toBe('live');
    expect(await tileAdvance(page, 1, 2000)).toBeGreaterThan(0.5);
    const opened = streamSockets.slice(socketsBefore);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((socket) => !socket.url.includes('hevc=1'))).toBe(true);
    const since = (await decoders()).configured.slice(before);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((c) => c.codec.startsWith('avc1'))).toBe(true);
    expect(await tile(1).getByTestId('tile-transcoding').getAttribute('data-why')).toBe('hevc-refused');
    expect((await decoders()).errors).toHaveLength(1); // no second refusal
    expect(consolePulls()).toHaveLength(1);
  });
});
