/** The site tree as the settings forms need it: in tree order with depth, and the parents a level allows. */
import type { RelayKindName, Site, SiteLevel } from '../../../preload/api';

const RANK: Record<SiteLevel, number> = { bureau: 0, station: 1, township: 2, village: 3 };

export interface SiteRow {
  site: Site;
  depth: number;
}

/** Depth-first, siblings in the host's order; sites whose parent is missing count as top level. */
export function siteRows(sites: readonly Site[]): SiteRow[] {
  const ids = new Set(sites.map((s) => s.id));
  const children = new Map<string | null, Site[]>();
  for (const site of sites) {
    const parent = site.parentId !== null && ids.has(site.parentId) ? site.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), site]);
  }
  const rows: SiteRow[] = [];
  const placed = new Set<string>();
  const visit = (parentId: string | null, depth: number) => {
    for (const site of children.get(parentId) ?? []) {
      if (placed.has(site.id)) continue;
      placed.add(site.id);
      rows.push({ site, depth });
      visit(site.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** The site and everything below it. */
export function subtreeIds(sites: readonly Site[], siteId: string): Set<string> {
  const found = new Set([siteId]);
  for (const row of siteRows(sites)) if (row.site.parentId !== null && found.has(row.site.parentId)) found.add(row.site.id);
  return found;
}

/** Sites that may hold a site of `level`: above it, and not the site itself or below it. */
export function parentChoices(sites: readonly Site[], level: SiteLevel, selfId: string | null): SiteRow[] {
  const excluded = selfId === null ? new Set<string>() : subtreeIds(sites, selfId);
  return siteRows(sites).filter((row) => RANK[row.site.level] < RANK[level] && !excluded.has(row.site.id));
}

/** What a new site under `parent` most likely is. */
export function childLevel(parent: SiteLevel): SiteLevel {
  return parent === 'bureau' ? 'station' : parent === 'station' ? 'township' : 'village';
}

/** Townships and stations: where presets live and where an import lands. */
export const ownsPresets = (site: Site) => site.level === 'township' || site.level === 'station';

/**
 * The nearest site from `siteId` upwards that has a media server (of `kind`, when given): a
 * village without its own uses its township's, as main does when it plays the camera.
 */
export function nearestRelay(sites: readonly Site[], siteId: string | null, kind?: RelayKindName): Site | null {
  return nearestSite(sites, siteId, (site) => site.relay != null && (kind === undefined || site.relay.kind === kind));
}

/** The nearest site from `siteId` upwards that names a recordings source, as main reads it. */
export function nearestPlaybackSource(sites: readonly Site[], siteId: string | null): Site | null {
  return nearestSite(sites, siteId, (site) => site.playback != null);
}

function nearestSite(sites: readonly Site[], siteId: string | null, has: (site: Site) => boolean): Site | null {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (let id = siteId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const site = byId.get(id);
    if (!site) return null;
    if (has(site)) return site;
    id = site.parentId;
  }
  return null;
}
