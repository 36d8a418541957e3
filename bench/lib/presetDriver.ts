/**
 * Switches the wall the way an operator does: a preset (预案) saved through the API, loaded by
 * clicking its Load button in the presets tab. The time of the switch is the click as the page
 * received it. Used when the console has presets; WallView (save + reload) is the fallback.
 */
import type { Page } from 'playwright-core';
import { namedLayout } from '../../preload/layouts.js';
import type { Bed } from './bed.js';
import { lastActionAt } from './pageProbe.js';

const APPEAR_MS = 10_000;

export class PresetDriver {
  private count = 0;

  private constructor(
    private readonly bed: Bed,
    private readonly siteId: string,
  ) {}

  /** A township site to own the presets; null when this console cannot save presets. */
  static async create(bed: Bed): Promise<PresetDriver | null> {
    const site = await bed.console.call('sites.save', { name: '基准测试乡', level: 'township', parentId: null }).catch(() => null);
    return site?.ok ? new PresetDriver(bed, site.value.id) : null;
  }

  async save(layoutId: string, tiles: (string | null)[]): Promise<string> {
    const layout = namedLayout(layoutId);
    if (!layout) throw new Error(`bench: no layout ${layoutId}`);
    const padded = Array.from({ length: layout.tiles.length }, (_, i) => tiles[i] ?? null);
    const saved = await this.bed.console.call('presets.save', { name: `基准${++this.count}`, siteId: this.siteId, wall: { layout, tiles: padded } });
    if (!saved.ok) throw new Error(`presets.save: ${saved.message}`);
    return saved.value.id;
  }

  async remove(presetId: string): Promise<void> {
    await this.bed.console.call('presets.remove', { id: presetId });
  }

  /** Clicks the preset's Load button; returns the epoch ms at which the page received the click. */
  async apply(page: Page, presetId: string): Promise<number> {
    const tab = page.locator('[data-testid="tab-presets"]');
    if ((await tab.getAttribute('aria-selected', { timeout: APPEAR_MS })) !== 'true') await tab.click();
    const load = page.locator(`[data-testid="preset-item"][data-preset-id="${presetId}"] [data-testid="preset-load"]`);
    await load.waitFor({ timeout: APPEAR_MS });
    await load.click();
    return lastActionAt(page);
  }
}
