/**
 * What the bench watches inside the page, installed before the app's own scripts run.
 *
 * For every tile's <video> (found by test id as tiles mount): when it mounted, when it presented
 * its first frame, and how many frames it presented (requestVideoFrameCallback). For tiles of the
 * clock camera, each presented frame's stamp is read and `glass time − stamp` recorded, where
 * glass time is the frame's expected display time on the wall clock (Date.now() and the camera
 * share CLOCK_REALTIME on one machine).
 *
 * The stamp is read from the frame's luma plane (VideoFrame.copyTo of the top 48 rows into one
 * reused buffer), one pixel per block centre. Drawing the video into a canvas instead, even a
 * 40×2 one, grew the renderer by ~450 MB within a minute, which would have been charged to the wall.
 */
import type { Page } from 'playwright-core';
import { decodeBands } from './stamp.js';

export interface TileRecord {
  index: number;
  cameraId: string;
  /** Epoch ms: the tile's video element appeared. */
  mountAt: number;
  /** Epoch ms: its first frame's expected display time. */
  firstAt: number | null;
  frames: number;
  goneAt: number | null;
}

export interface GlassSample {
  /** Epoch ms: the frame's expected display time, as requestVideoFrameCallback reports it. */
  at: number;
  /**
   * Epoch ms: when the callback for the frame ran. For live frames it is close to `at`; for a
   * recording played fast the compositor's expected display time follows the frames' own
   * timestamps (a second apart at 8×) and bunches, so rates over wall time are read from this.
   */
  seenAt: number;
  latencyMs: number;
  index: number;
  /** Media the player held ahead of the frame on screen (buffered end − currentTime), ms. */
  bufferMs: number;
  /** The same picture as the tile's previous frame (a keyframes-only tile's held copy): not a new picture. */
  repeat: boolean;
  /** The tile's state (`data-state`) when the frame was presented: whether it was shown as live. */
  state: string | null;
}

interface ProbeState {
  tiles: TileRecord[];
  latency: GlassSample[];
  misreads: number;
  /** Epoch ms of the last click or key press the page received (the operator's action). */
  lastActionAt: number;
}

declare global {
  interface Window {
    __vwBench?: ProbeState;
  }
}

/** Runs in the page, from source text: self-contained. */
function install(clockIds: string[], decode: (a: ArrayLike<number>, b: ArrayLike<number>) => number): void {
  const clocks = new Set(clockIds);
  const state: ProbeState = { tiles: [], latency: [], misreads: 0, lastActionAt: 0 };
  window.__vwBench = state;
  for (const type of ['click', 'keydown']) document.addEventListener(type, () => (state.lastActionAt = Date.now()), true);
  const watched = new Map<HTMLVideoElement, TileRecord>();

  const a = new Array<number>(40);
  const b = new Array<number>(40);
  const rect = { x: 0, y: 0, width: 640, height: 48 };
  let buffer: Uint8Array | null = null;
  /** The stamp of the frame the video shows now, from its luma plane (-1: unreadable). */
  const stampOf = async (video: HTMLVideoElement): Promise<number> => {
    const frame = new VideoFrame(video);
    try {
      if (frame.codedWidth < 640 || frame.codedHeight < 48) return -1;
      const size = frame.allocationSize({ rect });
      if (!buffer || buffer.length < size) buffer = new Uint8Array(size);
      const [luma] = await frame.copyTo(buffer, { rect });
      if (!luma) return -1;
      for (let i = 0; i < 40; i++) {
        a[i] = buffer[luma.offset + 12 * luma.stride + i * 16 + 8]!;
        b[i] = buffer[luma.offset + 36 * luma.stride + i * 16 + 8]!;
      }
      return decode(a, b);
    } finally {
      frame.close();
    }
  };

  const watch = (tile: HTMLElement, video: HTMLVideoElement) => {
    const rec: TileRecord = { index: Number(tile.dataset.index ?? -1), cameraId: tile.dataset.cameraId ?? '', mountAt: Date.now(), firstAt: null, frames: 0, goneAt: null };
    watched.set(video, rec);
    state.tiles.push(rec);
    const isClock = clocks.has(rec.cameraId);
    let lastStamp = -1;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (watched.get(video) !== rec) return; // no longer in front: a new record took over
      const seenAt = Date.now();
      const at = seenAt + (meta.expectedDisplayTime - performance.now());
      rec.frames++;
      if (rec.firstAt === null) rec.firstAt = at;
      if (isClock) {
        const shownAs = tile.dataset.state ?? null;
        const ranges = video.buffered;
        const bufferMs = ranges.length ? (ranges.end(ranges.length - 1) - meta.mediaTime) * 1000 : NaN;
        void stampOf(video).then(
          (stamp) => {
            if (stamp < 0) return void state.misreads++;
            const m = 2 ** 40;
            const diff = (((at - stamp) % m) + m) % m;
            state.latency.push({ at, seenAt, latencyMs: diff > m / 2 ? diff - m : diff, index: rec.index, bufferMs, repeat: stamp === lastStamp, state: shownAs });
            lastStamp = stamp;
          },
          () => void state.misreads++,
        );
      }
      if (video.isConnected) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };

  const scan = () => {
    // A tile has two videos and swaps them (main ⇄ sub stream, another player): only the one in
    // front is the tile's picture; the one sent back ends its record.
    for (const [video, rec] of watched) {
      if (!video.isConnected || video.dataset.testid !== 'tile-video') {
        rec.goneAt = Date.now();
        watched.delete(video);
      }
    }
    for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="tile"]')) {
      const video = tile.querySelector<HTMLVideoElement>('video[data-testid="tile-video"]');
      if (video && tile.dataset.cameraId && !watched.has(video)) watch(tile, video);
    }
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-camera-id', 'data-testid'] });
}

/** Installs the probe in every document `page` loads from now on. */
export async function installProbe(page: Page, clockIds: string[]): Promise<void> {
  await page.addInitScript({ content: `(${install.toString()})(${JSON.stringify(clockIds)}, ${decodeBands.toString()});` });
}

export function lastActionAt(page: Page): Promise<number> {
  return page.evaluate(() => window.__vwBench?.lastActionAt ?? 0);
}

export function tileRecords(page: Page): Promise<TileRecord[]> {
  return page.evaluate(() => (window.__vwBench?.tiles ?? []).map((t) => ({ ...t })));
}

/** Takes the glass-to-glass samples gathered since the last call, and the misread count so far. */
export function drainGlass(page: Page): Promise<{ samples: GlassSample[]; misreads: number }> {
  return page.evaluate(() => {
    const state = window.__vwBench;
    return { samples: state ? state.latency.splice(0) : [], misreads: state?.misreads ?? 0 };
  });
}

/**
 * Waits until each `tiles[i]` (camera id or null) has a video that mounted at or after `since`
 * and presented a frame; returns those records, or whatever there is after `timeoutMs`.
 */
export async function waitForFirstFrames(page: Page, tiles: (string | null)[], since: number, timeoutMs: number): Promise<{ records: TileRecord[]; complete: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await tileRecords(page).catch(() => [] as TileRecord[]);
    const records: TileRecord[] = [];
    tiles.forEach((cameraId, index) => {
      if (cameraId === null) return;
      const rec = all.find((r) => r.index === index && r.cameraId === cameraId && r.mountAt >= since && r.firstAt !== null);
      if (rec) records.push(rec);
    });
    const wanted = tiles.filter((t) => t !== null).length;
    if (records.length === wanted) return { records, complete: true };
    if (Date.now() > deadline) return { records, complete: false };
    await new Promise((r) => setTimeout(r, 50));
  }
}
