import { describe, expect, it } from 'vitest';
import type { CameraView, Site } from '../../preload/api';
import { buildSiteTree, cameraCounts, camerasUnder, findSite, pathTo } from './siteTree';

const site = (id: string, parentId: string | null, level: Site['level'] = 'village'): Site => ({
  id,
  name: id,
  level,
  parentId,
});

const camera = (id: string, siteId: string | null): CameraView => ({
  id,
  name: id,
  siteId,
  kind: 'rtsp',
  mainUrl: 'rtsp://198.51.100.7/stream',
  subUrl: null,
  username: null,
  passwordSet: false,
});

describe('buildSiteTree', () => {
  it('nests villages under townships under the bureau, with their cameras', () => {
    const forest = buildSiteTree(
      [site('bureau', null, 'bureau'), site('town', 'bureau', 'township'), site('village', 'town')],
      [camera('gate', 'village'), camera('road', 'town')],
    );
    expect(forest.roots.map((n) => n.site.id)).toEqual(['bureau']);
    const town = forest.roots[0]?.children[0];
    expect(town?.site.id).toBe('town');
    expect(town?.cameras.map((c) => c.id)).toEqual(['road']);
    expect(town?.children[0]?.cameras.map((c) => c.id)).toEqual(['gate']);
    expect(forest.ungrouped).toEqual([]);
  });

  it('keeps cameras without a known site in the ungrouped list', () => {
    const forest = buildSiteTree([site('village', null)], [camera('a', null), camera('b', 'nowhere')]);
    expect(forest.ungrouped.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('shows a site whose parent is missing as a root', () => {
    expect(buildSiteTree([site('orphan', 'gone')], []).roots.map((n) => n.site.id)).toEqual(['orphan']);
  });

  it('does not lose sites that form a parent loop', () => {
    const forest = buildSiteTree([site('a', 'b'), site('b', 'a')], []);
    const all = forest.roots.flatMap((n) => [n.site.id, ...n.children.map((c) => c.site.id)]);
    expect(all.sort()).toEqual(['a', 'b']);
  });
});

describe('walking the site tree', () => {
  const forest = buildSiteTree(
    [site('bureau', null, 'bureau'), site('town', 'bureau', 'township'), site('east', 'town'), site('west', 'town')],
    [camera('t1', 'town'), camera('e1', 'east'), camera('e2', 'east'), camera('w1', 'west')],
  );

  it('lists every camera under a site, its own first, in tree order', () => {
    expect(camerasUnder(findSite(forest.roots, 'town')!).map((c) => c.id)).toEqual(['t1', 'e1', 'e2', 'w1']);
    expect(camerasUnder(findSite(forest.roots, 'east')!).map((c) => c.id)).toEqual(['e1', 'e2']);
    expect(findSite(forest.roots, 'nowhere')).toBeUndefined();
  });

  it('finds the path of sites from the root down to a site', () => {
    const sites = [site('bureau', null, 'bureau'), site('town', 'bureau', 'township'), site('east', 'town')];
    expect(pathTo(sites, 'east')).toEqual(['bureau', 'town', 'east']);
    expect(pathTo(sites, null)).toEqual([]);
  });
});

describe('cameraCounts', () => {
  it('counts a township with its villages, as the tree does (not 0 for a township whose cameras sit in villages)', () => {
    const forest = buildSiteTree(
      [site('bureau', null, 'bureau'), site('town', 'bureau', 'township'), site('east', 'town'), site('west', 'town')],
      [camera('a', 'east'), camera('b', 'east'), camera('c', 'west'), camera('d', 'town')],
    );
    const counts = cameraCounts(forest);
    expect(Object.fromEntries(counts)).toEqual({ bureau: 4, town: 4, east: 2, west: 1 });
    expect(counts.get('town')).toBe(camerasUnder(findSite(forest.roots, 'town')!).length);
  });
});
