import { describe, expect, it } from 'vitest';
import type { WallState } from '../../preload/api';
import { gridLayout, NAMED_LAYOUTS, namedLayout } from '../../preload/layouts';
import {
  fillFrom,
  fitTiles,
  gridArea,
  neighbourTile,
  nextTile,
  stepLayout,
  swapTiles,
  tileKeys,
  widthShare,
  withLayout,
  withoutCameras,
  withTile,
} from './wallLayout';

const layout = (id: string) => namedLayout(id)!;
const wall = (id: string, tiles: (string | null)[]): WallState => ({ layout: layout(id), tiles: fitTiles(tiles, layout(id).tiles.length) });

describe('switching layout', () => {
  it('keeps the first assignments that still fit when the wall shrinks, and the rest as spare', () => {
    const nine = wall('9', ['a', null, 'c', 'd', 'e', null, null, null, 'i']);
    expect(withLayout(nine, layout('4')).wall.tiles).toEqual(['a', null, 'c', 'd']);
    expect(withLayout(nine, layout('6')).wall.tiles).toEqual(['a', null, 'c', 'd', 'e', null]);
    expect(withLayout(nine, layout('1'))).toEqual({ wall: { layout: layout('1'), tiles: ['a'] }, spare: [null, 'c', 'd', 'e', null, null, null, 'i'] });
  });

  it('brings every hidden camera back when a wall of 16 goes to 1 and back', () => {
    const ids = Array.from({ length: 16 }, (_, i) => `c${i + 1}`);
    const one = withLayout(wall('16', ids), layout('1'));
    expect(one.wall.tiles).toEqual(['c1']);
    const nine = withLayout(one.wall, layout('9'), one.spare);
    expect(nine.wall.tiles).toEqual(ids.slice(0, 9));
    expect(withLayout(nine.wall, layout('16'), nine.spare)).toEqual({ wall: wall('16', ids), spare: [] });
  });

  it('does not bring a hidden camera back twice when it was put on a shown tile meanwhile', () => {
    const one = withLayout(wall('4', ['a', 'b', 'c', 'd']), layout('1'));
    const grown = withLayout(withTile(one.wall, 0, 'c'), layout('4'), one.spare);
    expect(grown.wall.tiles).toEqual(['c', 'b', null, 'd']);
  });

  it('pads with empty tiles when the wall grows, whatever the spans', () => {
    const grown = withLayout(wall('1', ['a']), layout('13')).wall;
    expect(grown.tiles).toHaveLength(13);
    expect(grown.tiles.slice(0, 2)).toEqual(['a', null]);
  });

  it('repairs a tile list of the wrong length', () => {
    expect(fitTiles(['a'], 4)).toEqual(['a', null, null, null]);
    expect(fitTiles(['a', 'b', 'c'], 1)).toEqual(['a']);
  });
});

describe('operating tiles', () => {
  it('assigns and clears one tile without touching the others', () => {
    const four = wall('4', ['a', null, null, 'd']);
    expect(withTile(four, 1, 'b').tiles).toEqual(['a', 'b', null, 'd']);
    expect(withTile(four, 3, null).tiles).toEqual(['a', null, null, null]);
    expect(four.tiles).toEqual(['a', null, null, 'd']);
  });

  it('ignores a tile index outside the layout', () => {
    const four = wall('4', []);
    expect(withTile(four, 4, 'x')).toBe(four);
    expect(withTile(four, -1, 'x')).toBe(four);
  });

  it('swaps two tiles, and moves a camera onto an empty tile', () => {
    const four = wall('4', ['a', 'b', null, null]);
    expect(swapTiles(four, 0, 1).tiles).toEqual(['b', 'a', null, null]);
    expect(swapTiles(four, 1, 3).tiles).toEqual(['a', null, null, 'b']);
    expect(swapTiles(four, 2, 3)).toBe(four);
    expect(swapTiles(four, 0, 9)).toBe(four);
  });

  it('fills a village into the free tiles from the drop tile on, wrapping round, displacing nothing', () => {
    const four = wall('4', [null, 'x', null, null]);
    expect(fillFrom(four, 2, ['v1', 'v2', 'v3'])).toEqual({ wall: wall('4', ['v3', 'x', 'v1', 'v2']), first: 2, leftOut: 0 });
    expect(fillFrom(four, 1, ['v1', 'v2'])).toEqual({ wall: wall('4', [null, 'x', 'v1', 'v2']), first: 2, leftOut: 0 });
  });

  it('does not add a camera that is already on the wall, and counts what did not fit', () => {
    const four = wall('4', ['v1', null, null, null]);
    const { wall: filled, leftOut } = fillFrom(four, 1, ['v1', 'v2', 'v3', 'v4', 'v5']);
    expect(filled.tiles).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(leftOut).toBe(1);
    expect(fillFrom(four, 1, ['v1']).wall).toBe(four);
    const full = wall('1', ['x']);
    expect(fillFrom(full, 0, ['v1', 'v2'])).toEqual({ wall: full, first: -1, leftOut: 2 });
  });

  it('empties tiles of removed cameras and leaves an intact wall as is', () => {
    const four = wall('4', ['a', 'gone', null, 'a']);
    expect(withoutCameras(four, new Set(['gone'])).tiles).toEqual(['a', null, null, 'a']);
    expect(withoutCameras(four, new Set(['b', 'c']))).toBe(four);
  });

  it('moves the selection to the next tile and wraps at the end', () => {
    expect(nextTile(0, 4)).toBe(1);
    expect(nextTile(3, 4)).toBe(0);
    expect(nextTile(0, 1)).toBe(0);
  });
});

describe('layout geometry', () => {
  it('places tiles with their spans as CSS grid areas', () => {
    const sixth = layout('6');
    expect(gridArea(sixth.tiles[0]!)).toBe('1 / 1 / span 2 / span 2');
    expect(gridArea(sixth.tiles[5]!)).toBe('3 / 3 / span 1 / span 1');
  });

  it('moves the selection with arrow keys across spanning tiles', () => {
    const six = layout('6'); // big tile 0 at top left; 1, 2 on the right; 3, 4, 5 along the bottom
    expect(neighbourTile(six, 0, 'right')).toBe(1);
    expect(neighbourTile(six, 0, 'down')).toBe(3);
    expect(neighbourTile(six, 2, 'left')).toBe(0);
    expect(neighbourTile(six, 2, 'down')).toBe(5);
    expect(neighbourTile(six, 4, 'up')).toBe(0);
    expect(neighbourTile(six, 1, 'up')).toBe(1);
    const nine = gridLayout(3);
    expect(neighbourTile(nine, 4, 'left')).toBe(3);
    expect(neighbourTile(nine, 4, 'up')).toBe(1);
  });

  it('steps through the named layouts and stops at either end', () => {
    expect(stepLayout('9', 1).id).toBe('10');
    expect(stepLayout('9', -1).id).toBe('8');
    expect(stepLayout('1', -1).id).toBe('1');
    expect(stepLayout('64', 1).id).toBe('64');
    expect(NAMED_LAYOUTS.map((l) => l.id)).toEqual(['1', '4', '6', '8', '9', '10', '13', '16', '25', '36', '64']);
  });

  it('gives a moving camera the same tile key, and a twice-shown camera two keys', () => {
    expect(tileKeys(['a', null, 'b'])).toEqual(['a#0', 'empty:1', 'b#0']);
    expect(tileKeys(['b', null, 'a'])).toEqual(['b#0', 'empty:1', 'a#0']);
    expect(tileKeys(['a', 'a'])).toEqual(['a#0', 'a#1']);
  });

  it('tells how much of the wall width a tile takes', () => {
    expect(widthShare(layout('6'), 0)).toBeCloseTo(2 / 3);
    expect(widthShare(layout('16'), 3)).toBe(0.25);
  });
});
