/**
 * Site rules: a tree of bureau → station → township → village, where a parent always stands
 * above its children, no site is its own ancestor, and a site that owns presets stays a
 * township or station. Pure: every check names the field and the problem for the UI.
 */
import type { Site, SiteLevel } from '../../preload/api.js';
import type { ParsedRequest } from '../contract/requests.js';
import type { StoredData, StoredSite } from './model.js';
import { subtreeOf } from './removal.js';

const RANK: Record<SiteLevel, number> = { bureau: 0, station: 1, township: 2, village: 3 };
export const PRESET_OWNER_LEVELS: ReadonlySet<SiteLevel> = new Set(['township', 'station']);

export type SiteField = 'name' | 'level' | 'parentId' | 'id';
export type SiteProblem = 'unknown_site' | 'parent_level' | 'child_level' | 'cycle' | 'owns_presets' | 'duplicate_name';
export type SiteCheck = { ok: true; site: StoredSite } | { ok: false; field: SiteField; problem: SiteProblem };

/** True when a site of `parent` level may hold a site of `child` level. */
export function mayHold(parent: SiteLevel, child: SiteLevel): boolean {
  return RANK[parent] < RANK[child];
}

/** A new site (no `id` in the input, `newId` used) or an edit of an existing one: rename, move, re-level. */
export function checkSite(input: ParsedRequest<'sites.save'>, data: StoredData, newId: string): SiteCheck {
  const current = input.id === undefined ? null : data.sites.find((s) => s.id === input.id);
  if (current === undefined) return { ok: false, field: 'id', problem: 'unknown_site' };
  const id = current?.id ?? newId;
  if (input.parentId !== null) {
    const parent = data.sites.find((s) => s.id === input.parentId);
    if (!parent) return { ok: false, field: 'parentId', problem: 'unknown_site' };
    if (current && subtreeOf(data, current.id).has(parent.id)) return { ok: false, field: 'parentId', problem: 'cycle' };
    if (!mayHold(parent.level, input.level)) return { ok: false, field: 'level', problem: 'parent_level' };
  }
  if (data.sites.some((s) => s.id !== id && s.parentId === input.parentId && s.name === input.name)) {
    return { ok: false, field: 'name', problem: 'duplicate_name' };
  }
  if (current) {
    if (data.sites.some((s) => s.parentId === id && !mayHold(input.level, s.level))) return { ok: false, field: 'level', problem: 'child_level' };
    if (!PRESET_OWNER_LEVELS.has(input.level) && data.presets.some((p) => p.siteId === id)) return { ok: false, field: 'level', problem: 'owns_presets' };
  }
  return {
    ok: true,
    site: {
      id,
      name: input.name,
      level: input.level,
      parentId: input.parentId,
      defaultPresetId: current?.defaultPresetId ?? null,
      ...(current?.relay ? { relay: current.relay } : {}),
      ...(current?.playback ? { playback: current.playback } : {}),
    },
  };
}

/** Sites and cameras directly or indirectly under a site (what removing it would take along). */
export function contentsOf(data: StoredData, siteId: string): { sites: number; cameras: number } {
  const below = subtreeOf(data, siteId);
  return {
    sites: below.size - 1,
    cameras: data.cameras.filter((camera) => camera.siteId !== null && below.has(camera.siteId)).length,
  };
}

/** Finds a village by name under a township, the way a spreadsheet names it. */
export function villageNamed(data: StoredData, townshipId: string, name: string): StoredSite | undefined {
  return data.sites.find((site) => site.parentId === townshipId && site.name === name);
}

/** The view of a site that may leave main: its relay and its recordings source without their tokens. */
export function toSiteView(site: StoredSite): Site {
  const { relay, playback, ...rest } = site;
  return {
    ...rest,
    relay: relay ? { kind: relay.kind, template: relay.template, host: relay.host, tokenSet: relay.tokenSealed !== null } : null,
    playback: playback ? { kind: playback.kind, url: playback.url, pathTemplate: playback.pathTemplate, tokenSet: playback.tokenSealed !== null } : null,
  };
}

/**
 * The nearest site, from `siteId` up the tree, for which `pick` gives a setting, and that setting:
 * a township's relay or recordings source serves every village below it unless a village has its
 * own. A damaged tree with a loop ends the walk instead of hanging.
 */
export function nearestUp<S extends { id: string; parentId: string | null }, T>(sites: readonly S[], siteId: string | null, pick: (site: S) => T | null | undefined): { site: S; value: T } | null {
  const byId = new Map(sites.map((site) => [site.id, site]));
  const seen = new Set<string>();
  for (let id = siteId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const site = byId.get(id);
    if (!site) return null;
    const value = pick(site);
    if (value !== null && value !== undefined) return { site, value };
    id = site.parentId;
  }
  return null;
}
