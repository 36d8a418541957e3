/**
 * Drives the wall's playback as an officer does (top bar 回放, a time typed into the chooser), and
 * reads which recorded instant each clock tile shows: the probe's glass samples carry
 * `screen time − stamp`, so the stamp is the screen time minus that.
 */
import type { Page } from 'playwright-core';
import { toLocalInput } from '../../renderer/features/playback/timeInput.js';
import { drainGlass, type GlassSample } from './pageProbe.js';

/** A presented frame of a clock tile: when it reached the screen and the recorded instant it shows. */
export interface Shown {
  at: number;
  /** When the page's callback for the picture ran (see GlassSample.seenAt): for rates over wall time. */
  seen: number;
  stamp: number;
  index: number;
}

export const shownOf = (s: GlassSample): Shown => ({ at: s.at, seen: s.seenAt, stamp: s.at - s.latencyMs, index: s.index });

/** Opens the whole wall at `atMs` (a whole second: the chooser types seconds); returns when the click went. */
export async function openWallPlayback(page: Page, atMs: number): Promise<number> {
  await page.getByTestId('playback-open').click();
  await page.getByTestId('playback-chooser-time').fill(toLocalInput(atMs));
  await drainGlass(page);
  const clickedAt = Date.now();
  await page.getByTestId('playback-chooser-go').click();
  return clickedAt;
}

/** The clock tiles' new pictures over `ms` (a keyframe's held copy is not a new picture). */
export async function watchShown(page: Page, ms: number): Promise<Shown[]> {
  await drainGlass(page);
  await page.waitForTimeout(ms);
  return (await drainGlass(page)).samples.filter((s) => !s.repeat).map(shownOf);
}
