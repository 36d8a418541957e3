import type { Profile } from '../../preload/api';

/** A tile at least this wide (CSS px) shows the main stream; smaller tiles take the sub stream. */
export const MAIN_STREAM_MIN_WIDTH = 960;

export interface TileView {
  widthPx: number;
  maximized: boolean;
  /** The operator asked for the main stream in this tile (context menu). */
  pinnedMain: boolean;
}

/** Which stream a tile asks for: big, maximized or pinned tiles get the main stream. */
export function chooseProfile({ widthPx, maximized, pinnedMain }: TileView): Profile {
  return maximized || pinnedMain || widthPx >= MAIN_STREAM_MIN_WIDTH ? 'main' : 'sub';
}
