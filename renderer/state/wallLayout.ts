import type { GridSize, WallState } from '../../preload/api';

/** The grid choices offered in the top bar, in order. */
export const GRID_CHOICES = [1, 4, 9, 16] as const satisfies readonly GridSize[];
// Fails to compile if api.ts gains a grid size the top bar does not offer.
const everyGridOffered: Exclude<GridSize, (typeof GRID_CHOICES)[number]> extends never ? true : false = true;
void everyGridOffered;

export function gridColumns(grid: GridSize): number {
  return Math.round(Math.sqrt(grid));
}

/** Keeps the first `grid` assignments and pads with empty tiles. */
export function refit(tiles: readonly (string | null)[], grid: GridSize): (string | null)[] {
  return Array.from({ length: grid }, (_, i) => tiles[i] ?? null);
}

export function withGrid(wall: WallState, grid: GridSize): WallState {
  return { grid, tiles: refit(wall.tiles, grid) };
}

export function withTile(wall: WallState, index: number, cameraId: string | null): WallState {
  if (index < 0 || index >= wall.grid || wall.tiles[index] === cameraId) return wall;
  const tiles = refit(wall.tiles, wall.grid);
  tiles[index] = cameraId;
  return { grid: wall.grid, tiles };
}

/** After assigning a tile, the selection moves on so an operator can fill the wall click by click. */
export function nextTile(index: number, grid: GridSize): number {
  return (index + 1) % grid;
}

/** Empties tiles whose camera no longer exists; returns the same object when nothing changed. */
export function withoutMissing(wall: WallState, known: ReadonlySet<string>): WallState {
  if (wall.tiles.every((id) => id === null || known.has(id))) return wall;
  return { grid: wall.grid, tiles: wall.tiles.map((id) => (id !== null && known.has(id) ? id : null)) };
}
