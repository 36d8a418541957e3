import { NAMED_LAYOUTS, type Layout, type LayoutTile } from '../../preload/layouts';
import type { WallState } from '../../preload/api';

export type Direction = 'up' | 'down' | 'left' | 'right';

/** Keeps the first `count` assignments and pads with empty tiles. */
export function fitTiles(tiles: readonly (string | null)[], count: number): (string | null)[] {
  return Array.from({ length: count }, (_, i) => tiles[i] ?? null);
}

/** The cameras of tiles a smaller layout hid, by tile number past the wall's last tile. */
export type Spare = readonly (string | null)[];

/**
 * Switching layout keeps tile i on tile i. Tiles a smaller layout hides go to `spare` and come back
 * when it grows again, unless their camera is on the wall by then (no camera comes back twice).
 */
export function withLayout(wall: WallState, layout: Layout, spare: Spare = []): { wall: WallState; spare: Spare } {
  const all = [...fitTiles(wall.tiles, wall.layout.tiles.length), ...spare];
  const count = layout.tiles.length;
  const shown = new Set(all.slice(0, Math.min(count, wall.layout.tiles.length)));
  const tiles = fitTiles(all, count).map((id, i) => (i >= wall.layout.tiles.length && id !== null && shown.has(id) ? null : id));
  const rest = all.slice(count);
  while (rest.length > 0 && rest[rest.length - 1] === null) rest.pop();
  return { wall: { layout, tiles }, spare: rest };
}

export function withTile(wall: WallState, index: number, cameraId: string | null): WallState {
  if (!inside(wall, index) || wall.tiles[index] === cameraId) return wall;
  const tiles = fitTiles(wall.tiles, wall.layout.tiles.length);
  tiles[index] = cameraId;
  return { layout: wall.layout, tiles };
}

/** Tile → tile drag: the two tiles trade cameras (an empty tile trades too, so it works as a move). */
export function swapTiles(wall: WallState, a: number, b: number): WallState {
  if (!inside(wall, a) || !inside(wall, b) || a === b || wall.tiles[a] === wall.tiles[b]) return wall;
  const tiles = fitTiles(wall.tiles, wall.layout.tiles.length);
  [tiles[a], tiles[b]] = [tiles[b] ?? null, tiles[a] ?? null];
  return { layout: wall.layout, tiles };
}

/**
 * A village dropped on a tile: its cameras fill the free tiles in order, starting at the drop tile
 * and wrapping round; nothing already on the wall is displaced or added twice. Returns the wall,
 * the first tile filled (-1 if none) and how many cameras found no free tile.
 */
export function fillFrom(wall: WallState, start: number, cameraIds: readonly string[]): { wall: WallState; first: number; leftOut: number } {
  const onWall = new Set(wall.tiles.filter((id): id is string => id !== null));
  const queue = [...new Set(cameraIds)].filter((id) => !onWall.has(id));
  if (!inside(wall, start) || queue.length === 0) return { wall, first: -1, leftOut: queue.length };
  const tiles = fitTiles(wall.tiles, wall.layout.tiles.length);
  let first = -1;
  for (let step = 0; step < tiles.length && queue.length > 0; step++) {
    const index = (start + step) % tiles.length;
    if (tiles[index] !== null) continue;
    tiles[index] = queue.shift()!;
    if (first < 0) first = index;
  }
  return { wall: first < 0 ? wall : { layout: wall.layout, tiles }, first, leftOut: queue.length };
}

/** Removed cameras leave the hidden tiles too; returns the same array when nothing changed. */
export function spareWithout(spare: Spare, removed: ReadonlySet<string>): Spare {
  return spare.some((id) => id !== null && removed.has(id)) ? spare.map((id) => (id !== null && removed.has(id) ? null : id)) : spare;
}

/** Empties the tiles of removed cameras; returns the same object when nothing changed. */
export function withoutCameras(wall: WallState, removed: ReadonlySet<string>): WallState {
  if (wall.tiles.every((id) => id === null || !removed.has(id))) return wall;
  return { layout: wall.layout, tiles: wall.tiles.map((id) => (id !== null && removed.has(id) ? null : id)) };
}

/** After assigning a tile, the selection moves on so an operator can fill the wall click by click. */
export function nextTile(index: number, count: number): number {
  return count > 0 ? (index + 1) % count : 0;
}

/** CSS `grid-area` of a layout tile (1-based lines). */
export function gridArea(tile: LayoutTile): string {
  return `${tile.row + 1} / ${tile.col + 1} / span ${tile.rowSpan} / span ${tile.colSpan}`;
}

/** The tile an arrow key moves to: the nearest one on that side, best aligned with this one; or the same tile. */
export function neighbourTile(layout: Layout, index: number, direction: Direction): number {
  const from = layout.tiles[index];
  if (!from) return 0;
  const horizontal = direction === 'left' || direction === 'right';
  const centre = (t: LayoutTile) => (horizontal ? t.row + t.rowSpan / 2 : t.col + t.colSpan / 2);
  let best = index;
  let bestScore = Infinity;
  for (const [i, tile] of layout.tiles.entries()) {
    const gap = gapTowards(from, tile, direction);
    if (i === index || gap < 0) continue;
    const score = gap * 100 + Math.abs(centre(tile) - centre(from));
    if (score < bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

/** Cells between `from` and `to` in a direction, or -1 when `to` is not on that side. */
function gapTowards(from: LayoutTile, to: LayoutTile, direction: Direction): number {
  switch (direction) {
    case 'right':
      return to.col - (from.col + from.colSpan);
    case 'left':
      return from.col - (to.col + to.colSpan);
    case 'down':
      return to.row - (from.row + from.rowSpan);
    case 'up':
      return from.row - (to.row + to.rowSpan);
  }
}

/** The named layout `delta` places before or after `id` in the picker, stopping at the ends. */
export function stepLayout(id: string, delta: number): Layout {
  const at = NAMED_LAYOUTS.findIndex((layout) => layout.id === id);
  const next = Math.min(NAMED_LAYOUTS.length - 1, Math.max(0, (at < 0 ? 0 : at) + delta));
  return NAMED_LAYOUTS[next]!;
}

/**
 * React keys for the tiles: a camera's tile keeps its key when it moves (swap, layout switch, tour
 * step), so its player keeps playing instead of reconnecting. A camera shown twice gets `#0`, `#1`.
 */
export function tileKeys(tiles: readonly (string | null)[]): string[] {
  const seen = new Map<string, number>();
  return tiles.map((id, index) => {
    if (id === null) return `empty:${index}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return `${id}#${n}`;
  });
}

/** The wall's tile of `index` as a fraction of the wall's width (for choosing main or sub stream). */
export function widthShare(layout: Layout, index: number): number {
  const tile = layout.tiles[index];
  return tile ? tile.colSpan / layout.cols : 0;
}

function inside(wall: WallState, index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < wall.layout.tiles.length;
}
