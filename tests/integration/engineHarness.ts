/**
 * Shared by the engine's integration suites: a StreamEngine on real ffmpeg, viewers that record
 * what they get, and waiting for a state.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { StreamStatus } from '../../preload/api.js';
import { checkCameraUrl } from '../../main/domain/cameraUrl.js';
import { locateFfmpeg } from '../../main/engine/producer/ffmpegLocator.js';
import { silentLogger } from '../../main/lib/logger.js';
import type { Viewer } from '../../main/engine/session/session.js';
import { StreamEngine, type EngineOptions } from '../../main/engine/session/streamEngine.js';
import { CAMERA_FFMPEG_PATTERN, listProcesses } from '../fixtures/processes.js';

export const FFMPEG = locateFfmpeg()?.path ?? null;

/** A viewer that records what it received, like a tile's WebSocket would. */
export class RecordingViewer implements Viewer {
  chunks: Buffer[] = [];
  firstAt: number | null = null;
  ended = false;
  backlog = 0;
  send(chunk: Buffer): void {
    this.firstAt ??= Date.now();
    this.chunks.push(chunk);
  }
  end(): void {
    this.ended = true;
  }
  get bytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.length, 0);
  }
}

/** How long a session outlives its last viewer in these engines (the console's is 5 s). */
export const GRACE_MS = 300;

/** Engines made by a test, closed after it. */
export class EngineHarness {
  private engines: StreamEngine[] = [];

  create(urls: Record<string, string>, options: Partial<EngineOptions> = {}): StreamEngine {
    const engine = new StreamEngine({
      resolveSource: (cameraId) => {
        const url = urls[cameraId];
        if (url === undefined) return null;
        const checked = checkCameraUrl(url);
        // A URL the store would refuse still reaches the engine as text: it must fail cleanly.
        return checked.ok ? { kind: checked.kind, url: checked.url, credentials: checked.credentials } : { kind: 'rtsp', url, credentials: {} };
      },
      ffmpegPath: () => FFMPEG,
      log: silentLogger,
      graceMs: GRACE_MS,
      ...options,
    });
    this.engines.push(engine);
    return engine;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.engines.map((engine) => engine.close()));
    this.engines = [];
  }
}

export function waitForStatus(
  engine: StreamEngine,
  cameraId: string,
  predicate: (s: StreamStatus) => boolean,
  timeoutMs = 15_000,
): Promise<StreamStatus> {
  return new Promise((resolve, reject) => {
    const current = engine.statuses().find((s) => s.cameraId === cameraId && predicate(s));
    if (current) return resolve(current);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; last: ${JSON.stringify(engine.statuses().find((s) => s.cameraId === cameraId))}`));
    }, timeoutMs);
    const off = engine.on('status', (status) => {
      if (status.cameraId !== cameraId || !predicate(status)) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}

/**
 * Waits until the camera's frames have reached `until` (ms since epoch; given the live status, so
 * it can count from when the camera went live). A condition on the stream, where a sleep would
 * guess: a loaded machine waits longer instead of failing.
 */
export function waitForFrames(engine: StreamEngine, cameraId: string, until: (live: StreamStatus) => number, timeoutMs = 20_000): Promise<StreamStatus> {
  return vi.waitFor(
    () => {
      const status = engine.statuses().find((s) => s.cameraId === cameraId);
      if (status?.state !== 'live' || status.lastFrameAt === null || status.lastFrameAt < until(status)) {
        throw new Error(`frames have not got that far; last: ${JSON.stringify(status)}`);
      }
      return status;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/** A tile asking for a camera's main stream, in a browser that cannot decode H.265. */
export const avc = (cameraId: string) => ({ cameraId, profile: 'main' as const, acceptsHevc: false });

/** RTSP client ffmpegs started by this test process (other suites may run their own meanwhile). */
export const clientFfmpegs = () => listProcesses(CAMERA_FFMPEG_PATTERN).filter((p) => p.ppid === process.pid).length;

/** What a viewer was sent, as ffprobe reads it: `<container> <video codec>`, e.g. `flv h264`. */
export function probeReceived(viewer: RecordingViewer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-received-')), 'received.bin');
  writeFileSync(path, Buffer.concat(viewer.chunks));
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name:format=format_name', '-of', 'json', path], { encoding: 'utf8' })) as {
    format: { format_name: string };
    streams: { codec_name: string }[];
  };
  return `${out.format.format_name} ${out.streams[0]?.codec_name}`;
}
