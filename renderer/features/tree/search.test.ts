import { describe, expect, it } from 'vitest';
import type { CameraView, Site } from '../../../preload/api';
import { buildSiteTree } from '../../state/siteTree';
import { filterForest, matchesQuery } from './search';

const initials = (text: string) => ({ 东村: 'dc', 东村路口: 'dclk', 西村: 'xc', 西村集市: 'xcjs', 青山镇: 'qsz' })[text] ?? '';
const site = (id: string, name: string, parentId: string | null): Site => ({ id, name, level: parentId ? 'village' : 'township', parentId });
const camera = (id: string, name: string, siteId: string): CameraView =>
  ({ id, name, siteId, kind: 'rtsp', mainUrl: 'rtsp://198.51.100.7/', subUrl: null, username: null, passwordSet: false });

const forest = buildSiteTree(
  [site('town', '青山镇', null), site('east', '东村', 'town'), site('west', '西村', 'town')],
  [camera('e1', '东村路口', 'east'), camera('w1', '西村集市', 'west')],
);

describe('tree search', () => {
  it('matches by part of the name, by pinyin initials and ignores case', () => {
    expect(matchesQuery('东村路口', '路口', initials)).toBe(true);
    expect(matchesQuery('东村路口', 'DCLK', initials)).toBe(true);
    expect(matchesQuery('东村路口', 'lk', initials)).toBe(true);
    expect(matchesQuery('东村路口', 'xc', initials)).toBe(false);
    expect(matchesQuery('Gate 3', 'gate', initials)).toBe(true);
  });

  it('keeps only the branches leading to matching cameras', () => {
    const [town] = filterForest(forest.roots, 'xcjs', initials);
    expect(town?.children.map((n) => n.site.id)).toEqual(['west']);
    expect(town?.children[0]?.cameras.map((c) => c.id)).toEqual(['w1']);
  });

  it('keeps everything under a matching site', () => {
    const [town] = filterForest(forest.roots, '东村', initials);
    expect(town?.children.map((n) => n.site.id)).toEqual(['east']);
    expect(town?.children[0]?.cameras.map((c) => c.id)).toEqual(['e1']);
    expect(filterForest(forest.roots, 'qsz', initials)[0]).toBe(forest.roots[0]);
  });

  it('shows the whole tree for an empty query and nothing for a query that matches nothing', () => {
    expect(filterForest(forest.roots, '  ', initials)).toEqual(forest.roots);
    expect(filterForest(forest.roots, '北村', initials)).toEqual([]);
  });
});
