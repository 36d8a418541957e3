import { describe, expect, it } from 'vitest';
import type { Site } from '../../../preload/api';
import { childLevel, nearestRelay, parentChoices, siteRows, subtreeIds } from './siteOptions';

const site = (id: string, level: Site['level'], parentId: string | null): Site => ({ id, name: id, level, parentId });
const SITES = [site('east', 'village', 'town'), site('bureau', 'bureau', null), site('town', 'township', 'bureau'), site('west', 'village', 'town'), site('orphan', 'village', 'gone')];

describe('the site tree in settings', () => {
  it('lists sites depth first with their depth, orphans at the top level', () => {
    expect(siteRows(SITES).map((r) => `${r.depth}:${r.site.id}`)).toEqual(['0:bureau', '1:town', '2:east', '2:west', '0:orphan']);
  });

  it('offers as parents only sites above the level, never the site itself or its subtree', () => {
    expect(parentChoices(SITES, 'village', null).map((r) => r.site.id)).toEqual(['bureau', 'town']);
    expect(parentChoices(SITES, 'township', 'town').map((r) => r.site.id)).toEqual(['bureau']);
    expect(parentChoices(SITES, 'station', 'bureau')).toEqual([]);
    expect([...subtreeIds(SITES, 'town')].sort()).toEqual(['east', 'town', 'west']);
  });

  it('suggests the level one step below', () => {
    expect([childLevel('bureau'), childLevel('station'), childLevel('township')]).toEqual(['station', 'township', 'village']);
  });

  it('finds the media server a site uses: its own, else the nearest above (of the kind asked)', () => {
    const flv = { kind: 'relay-flv' as const, template: 'ws://{host}/live/{stream}.flv', host: 'relay:8080', tokenSet: false };
    const withRelay = SITES.map((s) => (s.id === 'town' ? { ...s, relay: flv } : s));
    expect(nearestRelay(withRelay, 'east')?.id).toBe('town');
    expect(nearestRelay(withRelay, 'town', 'relay-flv')?.id).toBe('town');
    expect(nearestRelay(withRelay, 'east', 'relay-rtsp')).toBeNull();
    expect(nearestRelay(withRelay, 'bureau')).toBeNull();
    expect(nearestRelay(withRelay, null)).toBeNull();
  });
});
