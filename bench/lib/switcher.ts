/**
 * Changes the wall on one open page: by loading a preset in the UI when the console has presets
 * and a presets tab, else by saving the wall and reloading the page (WallView). Benches report
 * which of the two they used.
 */
import type { Page } from 'playwright-core';
import type { Bed } from './bed.js';
import { PresetDriver } from './presetDriver.js';
import { WallView } from './wallView.js';

export interface Switcher {
  method: 'preset' | 'reload';
  page: Page;
  /** Puts `tiles` on the wall in `layoutId`; returns the epoch ms of the operator's action. */
  to(layoutId: string, tiles: (string | null)[]): Promise<number>;
  close(): Promise<void>;
}

export async function openSwitcher(bed: Bed, clockIds: string[] = []): Promise<Switcher> {
  const view = new WallView(bed, clockIds);
  const { page } = await view.show('1', [null], { freshPage: true });
  const presets = await PresetDriver.create(bed);
  const hasTab = await page
    .locator('[data-testid="tab-presets"]')
    .waitFor({ timeout: 10_000 })
    .then(() => true, () => false);
  if (!presets || !hasTab) {
    return {
      method: 'reload',
      page,
      to: async (layoutId, tiles) => (await view.show(layoutId, tiles)).actionAt,
      close: () => view.close(),
    };
  }
  let previous: string | null = null;
  return {
    method: 'preset',
    page,
    async to(layoutId, tiles) {
      const id = await presets.save(layoutId, tiles);
      const actionAt = await presets.apply(page, id);
      if (previous) await presets.remove(previous);
      previous = id;
      return actionAt;
    },
    close: () => view.close(),
  };
}
