import { describe, expect, it } from 'vitest';
import { gridColumns, nextTile, refit, withGrid, withoutMissing, withTile } from './wallLayout';

describe('wall layout', () => {
  it('keeps the assignments that still fit when the grid shrinks', () => {
    const wall = { grid: 9 as const, tiles: ['a', null, 'c', 'd', 'e', null, null, null, 'i'] };
    expect(withGrid(wall, 4)).toEqual({ grid: 4, tiles: ['a', null, 'c', 'd'] });
    expect(withGrid(wall, 1)).toEqual({ grid: 1, tiles: ['a'] });
  });

  it('pads with empty tiles when the grid grows', () => {
    expect(withGrid({ grid: 1, tiles: ['a'] }, 4)).toEqual({ grid: 4, tiles: ['a', null, null, null] });
  });

  it('repairs a tile list of the wrong length', () => {
    expect(refit(['a'], 4)).toEqual(['a', null, null, null]);
    expect(refit(['a', 'b', 'c'], 1)).toEqual(['a']);
  });

  it('assigns and clears one tile without touching the others', () => {
    const wall = { grid: 4 as const, tiles: ['a', null, null, 'd'] };
    expect(withTile(wall, 1, 'b').tiles).toEqual(['a', 'b', null, 'd']);
    expect(withTile(wall, 3, null).tiles).toEqual(['a', null, null, null]);
    expect(wall.tiles).toEqual(['a', null, null, 'd']);
  });

  it('ignores a tile index outside the grid', () => {
    const wall = { grid: 4 as const, tiles: [null, null, null, null] };
    expect(withTile(wall, 4, 'x')).toBe(wall);
    expect(withTile(wall, -1, 'x')).toBe(wall);
  });

  it('moves the selection to the next tile and wraps at the end', () => {
    expect(nextTile(0, 4)).toBe(1);
    expect(nextTile(3, 4)).toBe(0);
    expect(nextTile(0, 1)).toBe(0);
  });

  it('empties tiles of removed cameras and leaves an intact wall as is', () => {
    const wall = { grid: 4 as const, tiles: ['a', 'gone', null, 'a'] };
    expect(withoutMissing(wall, new Set(['a'])).tiles).toEqual(['a', null, null, 'a']);
    expect(withoutMissing(wall, new Set(['a', 'gone']))).toBe(wall);
  });

  it('lays grids out as squares', () => {
    expect([1, 4, 9, 16].map((n) => gridColumns(n as 1 | 4 | 9 | 16))).toEqual([1, 2, 3, 4]);
  });
});
