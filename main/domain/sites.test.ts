import { describe, expect, it } from 'vitest';
import { StoredDataSchema } from './model.js';
import { withoutItems, withoutSite } from './removal.js';
import { checkSite, contentsOf, mayHold } from './sites.js';
import { townshipData } from './testData.js';

describe('site rules', () => {
  it('a parent always stands above its children', () => {
    expect(mayHold('township', 'village')).toBe(true);
    expect(mayHold('bureau', 'station')).toBe(true);
    expect(mayHold('village', 'village')).toBe(false);
    expect(mayHold('village', 'township')).toBe(false);
  });

  it('adds a village under a township, and refuses one under a village', () => {
    const data = townshipData();
    expect(checkSite({ name: '南村', level: 'village', parentId: 'town' }, data, 'south')).toEqual({
      ok: true,
      site: { id: 'south', name: '南村', level: 'village', parentId: 'town', defaultPresetId: null },
    });
    expect(checkSite({ name: '小组', level: 'village', parentId: 'east' }, data, 'x')).toEqual({ ok: false, field: 'level', problem: 'parent_level' });
    expect(checkSite({ name: '南村', level: 'village', parentId: 'nowhere' }, data, 'x')).toMatchObject({ field: 'parentId', problem: 'unknown_site' });
  });

  it('refuses two sites of one name under one parent', () => {
    expect(checkSite({ name: '东村', level: 'village', parentId: 'town' }, townshipData(), 'x')).toMatchObject({ field: 'name', problem: 'duplicate_name' });
  });

  it('renames and moves a site, keeping its default preset, and refuses moving it under itself', () => {
    const data = townshipData();
    data.sites.push({ id: 'bureau', name: '县局', level: 'bureau', parentId: null, defaultPresetId: null });
    expect(checkSite({ id: 'town', name: '青山乡', level: 'township', parentId: 'bureau' }, data, 'unused')).toMatchObject({
      ok: true,
      site: { id: 'town', name: '青山乡', parentId: 'bureau', defaultPresetId: 'p-1' },
    });
    expect(checkSite({ id: 'town', name: '青山镇', level: 'township', parentId: 'east' }, data, 'x')).toMatchObject({ field: 'parentId', problem: 'cycle' });
    expect(checkSite({ id: 'nope', name: 'x', level: 'village', parentId: null }, data, 'x')).toMatchObject({ field: 'id', problem: 'unknown_site' });
  });

  it('refuses turning a township with villages or presets into a village', () => {
    const data = townshipData();
    expect(checkSite({ id: 'town', name: '青山镇', level: 'village', parentId: null }, data, 'x')).toMatchObject({ field: 'level', problem: 'child_level' });
    const lonely = { ...data, sites: data.sites.filter((s) => s.id === 'town') };
    expect(checkSite({ id: 'town', name: '青山镇', level: 'village', parentId: null }, lonely, 'x')).toMatchObject({ field: 'level', problem: 'owns_presets' });
  });
});

describe('removal', () => {
  it('counts what lies under a site', () => {
    expect(contentsOf(townshipData(), 'town')).toEqual({ sites: 2, cameras: 2 });
    expect(contentsOf(townshipData(), 'east')).toEqual({ sites: 0, cameras: 1 });
  });

  it('removing a site takes its subtree, its cameras and its presets, leaving no reference behind', () => {
    const { data, removed, cameraIds } = withoutSite(townshipData(), 'town');
    expect(removed).toEqual({ sites: 3, cameras: 2, presets: 2 });
    expect(cameraIds.sort()).toEqual(['cam-e', 'cam-w']);
    expect(data.sites).toEqual([]);
    expect(data.wall.tiles).toEqual([null, null, null, null]);
    expect(StoredDataSchema.safeParse(data).success).toBe(true);
  });

  it('removing a village empties the tiles that showed its camera and keeps the rest', () => {
    const { data } = withoutSite(townshipData(), 'west');
    expect(data.sites.map((s) => s.id)).toEqual(['town', 'east']);
    expect(data.wall.tiles).toEqual(['cam-e', null, null, null]);
    expect(data.presets.find((p) => p.id === 'p-2')!.wall.tiles).toEqual([null]);
  });

  it('removing a preset drops it from tours and from the site that opened with it', () => {
    const data = withoutItems(townshipData(), { presetIds: ['p-1'] });
    expect(data.presets.map((p) => p.id)).toEqual(['p-2']);
    expect(data.presets[0]!.tour).toBeNull();
    expect(data.sites.find((s) => s.id === 'town')!.defaultPresetId).toBeNull();
  });
});
