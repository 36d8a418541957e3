/**
 * Taking cameras, presets and sites out of the stored data without leaving anything pointing at
 * them: walls keep their tiles (empty), tours lose the steps, sites lose a default preset. Pure.
 */
import type { Tour } from '../../preload/api.js';
import type { StoredData } from './model.js';

function tourWithout(tour: Tour | null, cameraIds: ReadonlySet<string>, presetIds: ReadonlySet<string>): Tour | null {
  if (tour === null) return null;
  if (tour.kind === 'pages') {
    const left = tour.cameraIds.filter((id) => !cameraIds.has(id));
    return left.length > 0 ? { ...tour, cameraIds: left } : null;
  }
  const steps = tour.steps.filter((step) => !presetIds.has(step.presetId));
  return steps.length > 0 ? { ...tour, steps } : null;
}

/** The data without these cameras and presets, and without any reference to them. */
export function withoutItems(data: StoredData, items: { cameraIds?: Iterable<string>; presetIds?: Iterable<string> }): StoredData {
  const cameraIds = new Set(items.cameraIds ?? []);
  const presetIds = new Set(items.presetIds ?? []);
  const clear = (tiles: (string | null)[]) => tiles.map((tile) => (tile !== null && cameraIds.has(tile) ? null : tile));
  return {
    ...data,
    sites: data.sites.map((site) => (site.defaultPresetId !== null && presetIds.has(site.defaultPresetId) ? { ...site, defaultPresetId: null } : site)),
    cameras: data.cameras.filter((camera) => !cameraIds.has(camera.id)),
    wall: { ...data.wall, tiles: clear(data.wall.tiles) },
    presets: data.presets
      .filter((preset) => !presetIds.has(preset.id))
      .map((preset) => ({ ...preset, wall: { ...preset.wall, tiles: clear(preset.wall.tiles) }, tour: tourWithout(preset.tour, cameraIds, presetIds) })),
  };
}

/** A site and every site below it (cycle-safe). */
export function subtreeOf(data: StoredData, siteId: string): Set<string> {
  const found = new Set([siteId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const site of data.sites) {
      if (site.parentId !== null && found.has(site.parentId) && !found.has(site.id)) {
        found.add(site.id);
        grew = true;
      }
    }
  }
  return found;
}

export interface SiteRemoval {
  data: StoredData;
  removed: { sites: number; cameras: number; presets: number };
  cameraIds: string[];
}

/** A site with everything under it: sites, their cameras, and the presets they own. */
export function withoutSite(data: StoredData, siteId: string): SiteRemoval {
  const siteIds = subtreeOf(data, siteId);
  const cameraIds = data.cameras.filter((c) => c.siteId !== null && siteIds.has(c.siteId)).map((c) => c.id);
  const presetIds = data.presets.filter((p) => siteIds.has(p.siteId)).map((p) => p.id);
  const rest = withoutItems(data, { cameraIds, presetIds });
  return {
    data: { ...rest, sites: rest.sites.filter((site) => !siteIds.has(site.id)) },
    removed: { sites: siteIds.size, cameras: cameraIds.length, presets: presetIds.length },
    cameraIds,
  };
}
