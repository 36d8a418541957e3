/**
 * Puts a wall on screen: saves it with `wall.set` and (re)loads the console page, which opens on
 * the saved wall. The page has no way yet to hear of a wall changed from outside (there is no
 * `wall.changed` push), so a load is the one path that does not depend on the UI being drawn a
 * certain way; its cost (page boot, `wall.get`) is reported apart by measuring tiles from their
 * mount as well as from the action.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { namedLayout } from '../../preload/layouts.js';
import type { Bed } from './bed.js';
import { installProbe } from './pageProbe.js';

export const VIEWPORT = { width: 1600, height: 900 };

export interface Shown {
  page: Page;
  /** Epoch ms just before the page load started. */
  actionAt: number;
}

export class WallView {
  private context: BrowserContext | null = null;
  private page: Page | null = null;

  constructor(
    private readonly bed: Bed,
    private readonly clockIds: string[] = [],
  ) {}

  /** Layout '1' | '4' | '9' | '16' …; `tiles` by camera id, padded with empty tiles. */
  async show(layoutId: string, tiles: (string | null)[], opts: { freshPage?: boolean } = {}): Promise<Shown> {
    const layout = namedLayout(layoutId);
    if (!layout) throw new Error(`bench: no layout ${layoutId}`);
    const padded = Array.from({ length: layout.tiles.length }, (_, i) => tiles[i] ?? null);
    const saved = await this.bed.console.call('wall.set', { layout, tiles: padded });
    if (!saved.ok) throw new Error(`wall.set: ${saved.message}`);
    if (opts.freshPage || !this.page) await this.openPage();
    const page = this.page!;
    const actionAt = Date.now();
    await page.goto(this.bed.console.url, { waitUntil: 'domcontentloaded' });
    return { page, actionAt };
  }

  /** Another page (the plain peer) in a fresh context, with the same probe. */
  async showPage(url: string): Promise<Shown> {
    await this.openPage();
    const page = this.page!;
    const actionAt = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return { page, actionAt };
  }

  async close(): Promise<void> {
    const context = this.context;
    this.context = null;
    this.page = null;
    await context?.close();
  }

  private async openPage(): Promise<void> {
    await this.close();
    this.context = await this.bed.browser.newContext({ viewport: VIEWPORT });
    this.page = await this.context.newPage();
    await installProbe(this.page, this.clockIds);
  }
}

/** Waits until none of `cameraIds` has a session left in the engine (its grace period ran out). */
export async function waitSessionsGone(bed: Bed, cameraIds: string[], timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const wanted = new Set(cameraIds);
  for (;;) {
    const result = await bed.console.call('stream.statuses');
    if (result.ok && !result.value.some((s) => wanted.has(s.cameraId))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}
