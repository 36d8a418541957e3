import type { WallState } from '../../preload/api';
import type { Spare } from './wallLayout';

/** What the operator did to the wall; the toast offers 撤销 for the first three. */
export type WallEdit = 'layout' | 'close' | 'preset' | 'tiles';

/** A wall as it was before an edit, hidden tiles included. */
export interface WallSnapshot {
  wall: WallState;
  spare: Spare;
}

/** Ctrl+Z reaches back this many edits: enough for a slip or two, not a second way to build a wall. */
export const UNDO_DEPTH = 10;

/**
 * The history after an edit. A preset puts up another wall: one Ctrl+Z takes the preset back, and
 * never reaches further, into the edits made to the wall before it.
 */
export function afterEdit(history: readonly WallSnapshot[], before: WallSnapshot, edit: WallEdit): WallSnapshot[] {
  return edit === 'preset' ? [before] : [...history, before].slice(-UNDO_DEPTH);
}
