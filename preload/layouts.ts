/**
 * Wall layouts as data: rows × columns and tiles with spans. The named ones are what duty officers
 * know from NVR clients (1, 4, 6 = 1+5, 8 = 1+7, 9, 10, 13 = 1+12, 16, 25, 36, 64); a custom layout
 * is just another value of the same shape. Pure, shared by main (validation) and renderer.
 */

export interface LayoutTile {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface Layout {
  /** A named layout's id ('9', '1+5', …) or 'custom'. */
  id: string;
  rows: number;
  cols: number;
  /** Tiles in reading order (the order cameras fill them). */
  tiles: LayoutTile[];
}

export const MAX_TILES = 64;

export function gridLayout(side: number): Layout {
  const tiles: LayoutTile[] = [];
  for (let row = 0; row < side; row++) for (let col = 0; col < side; col++) tiles.push({ row, col, rowSpan: 1, colSpan: 1 });
  return { id: String(side * side), rows: side, cols: side, tiles };
}

/** One big tile of `span`×`span` in the top-left corner of a `side`×`side` grid, the rest small. */
function bigPlusSmall(id: string, side: number, span: number): Layout {
  const tiles: LayoutTile[] = [{ row: 0, col: 0, rowSpan: span, colSpan: span }];
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) if (row >= span || col >= span) tiles.push({ row, col, rowSpan: 1, colSpan: 1 });
  }
  return { id, rows: side, cols: side, tiles };
}

/** 10: two 2×2 tiles side by side on top of a 4×4 grid, eight small ones below. */
function twoBigEightSmall(): Layout {
  const tiles: LayoutTile[] = [
    { row: 0, col: 0, rowSpan: 2, colSpan: 2 },
    { row: 0, col: 2, rowSpan: 2, colSpan: 2 },
  ];
  for (let row = 2; row < 4; row++) for (let col = 0; col < 4; col++) tiles.push({ row, col, rowSpan: 1, colSpan: 1 });
  return { id: '10', rows: 4, cols: 4, tiles };
}

/** 13: a 2×2 tile in the centre of a 4×4 grid, twelve small ones around it. */
function centreBig(): Layout {
  const tiles: LayoutTile[] = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      if (row === 1 && col === 1) tiles.push({ row, col, rowSpan: 2, colSpan: 2 });
      else if (!(row >= 1 && row <= 2 && col >= 1 && col <= 2)) tiles.push({ row, col, rowSpan: 1, colSpan: 1 });
    }
  }
  return { id: '13', rows: 4, cols: 4, tiles };
}

export const NAMED_LAYOUTS: Layout[] = [
  gridLayout(1),
  gridLayout(2),
  bigPlusSmall('6', 3, 2),
  bigPlusSmall('8', 4, 3),
  gridLayout(3),
  twoBigEightSmall(),
  centreBig(),
  gridLayout(4),
  gridLayout(5),
  gridLayout(6),
  gridLayout(8),
];

export function namedLayout(id: string): Layout | undefined {
  return NAMED_LAYOUTS.find((layout) => layout.id === id);
}

/** Why a layout is not valid, or null: tiles inside the grid, no overlaps, at most 64. */
export function layoutProblem(layout: Layout): string | null {
  if (layout.rows < 1 || layout.cols < 1 || layout.rows > 8 || layout.cols > 8) return 'grid must be 1–8 rows and columns';
  if (layout.tiles.length < 1 || layout.tiles.length > MAX_TILES) return `1–${MAX_TILES} tiles`;
  const taken = new Set<string>();
  for (const [index, tile] of layout.tiles.entries()) {
    if (tile.rowSpan < 1 || tile.colSpan < 1 || tile.row < 0 || tile.col < 0) return `tile ${index}: bad position`;
    if (tile.row + tile.rowSpan > layout.rows || tile.col + tile.colSpan > layout.cols) return `tile ${index}: outside the grid`;
    for (let r = tile.row; r < tile.row + tile.rowSpan; r++) {
      for (let c = tile.col; c < tile.col + tile.colSpan; c++) {
        if (taken.has(`${r},${c}`)) return `tile ${index}: overlaps another tile`;
        taken.add(`${r},${c}`);
      }
    }
  }
  return null;
}
