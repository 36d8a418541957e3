/**
 * Every tile of a wall, sampled in the page a few times a second: its state (`data-state`), its
 * decode budget level (`data-budget-level`), how far its front video plays behind the media it
 * holds (lag to the live edge: buffered end − currentTime), the age of a still picture (budget
 * level 3), and the frames its front videos present (requestVideoFrameCallback, counted only while
 * the video is in front, so a player that swaps videos keeps counting).
 *
 * Installed with `page.evaluate` once the wall shows, started and stopped around a window.
 */
import type { Page } from 'playwright-core';

export interface TileSample {
  /** Epoch ms. */
  at: number;
  index: number;
  state: string | null;
  level: string | null;
  /** buffered end − currentTime of the front video, ms; null without a video or buffered media. */
  lagMs: number | null;
  /** Epoch ms − the shown still's `data-at`, ms; null without a still. */
  stillAgeMs: number | null;
  /** How late the last keyframe arrived from main (the player's `data-transit-ms`), ms. */
  transitMs: number | null;
}

interface SamplerState {
  samples: TileSample[];
  frames: Record<number, number>;
  timer: ReturnType<typeof setInterval> | undefined;
}

declare global {
  interface Window {
    __vwTiles?: SamplerState;
  }
}

/** Starts sampling every `everyMs` (replaces a sampler already running). */
export async function startTileSampler(page: Page, everyMs = 250): Promise<void> {
  await page.evaluate((every) => {
    if (window.__vwTiles?.timer) clearInterval(window.__vwTiles.timer);
    const state: SamplerState = { samples: [], frames: {}, timer: undefined };
    window.__vwTiles = state;
    const counted = new WeakSet<HTMLVideoElement>();
    const count = (video: HTMLVideoElement, index: number) => {
      if (counted.has(video)) return;
      counted.add(video);
      const onFrame = () => {
        if (window.__vwTiles !== state || !video.isConnected) return;
        if (video.hasAttribute('data-front')) state.frames[index] = (state.frames[index] ?? 0) + 1;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    const sample = () => {
      const at = Date.now();
      for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="tile"]')) {
        const index = Number(tile.dataset.index ?? -1);
        if (!tile.dataset.cameraId) continue;
        for (const v of tile.querySelectorAll<HTMLVideoElement>('video')) count(v, index);
        const video = tile.querySelector<HTMLVideoElement>('video[data-testid="tile-video"]');
        let lagMs: number | null = null;
        if (video && video.buffered.length > 0) lagMs = (video.buffered.end(video.buffered.length - 1) - video.currentTime) * 1000;
        const still = tile.querySelector<HTMLImageElement>('img[data-testid="tile-still"]');
        const stillAt = still ? Number(still.dataset.at) : NaN;
        state.samples.push({
          at,
          index,
          state: tile.dataset.state ?? null,
          level: tile.dataset.budgetLevel ?? null,
          lagMs,
          stillAgeMs: Number.isFinite(stillAt) ? at - stillAt : null,
          transitMs: video?.dataset.transitMs !== undefined ? Number(video.dataset.transitMs) : null,
        });
      }
    };
    sample();
    state.timer = setInterval(sample, every);
  }, everyMs);
}

/** Stops the sampler; returns its samples and the frames each tile presented meanwhile. */
export async function stopTileSampler(page: Page): Promise<{ samples: TileSample[]; frames: Record<number, number> }> {
  return page.evaluate(() => {
    const state = window.__vwTiles;
    if (!state) return { samples: [], frames: {} };
    clearInterval(state.timer);
    window.__vwTiles = undefined;
    return { samples: state.samples, frames: state.frames };
  });
}

/** Each tile's state and budget level now, by index. */
export function tileLevels(page: Page): Promise<{ index: number; state: string | null; level: string | null; selected: boolean; reason: string | null }[]> {
  return page.locator('[data-testid="tile"]').evaluateAll((tiles) =>
    tiles.map((t) => {
      const el = t as HTMLElement;
      return { index: Number(el.dataset.index ?? -1), state: el.dataset.state ?? null, level: el.dataset.budgetLevel ?? null, selected: el.dataset.selected !== undefined, reason: el.dataset.budgetReason ?? null };
    }),
  );
}
