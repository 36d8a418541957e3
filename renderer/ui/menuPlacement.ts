export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Set when the menu is taller than the window: it scrolls instead of leaving the screen. */
  maxHeight?: number;
}

/** Kept between a menu and the window's edge. */
const MARGIN = 4;

/**
 * Where a menu opened at the pointer goes so that all of it is on screen: to the right of and
 * below the pointer when it fits, otherwise to the left of or above it (inward), as desktop menus
 * do; never past an edge.
 */
export function placeMenu(pointer: { x: number; y: number }, menu: Size, window: Size): Placement {
  const left = Math.max(MARGIN, Math.min(inward(pointer.x, menu.width, window.width), window.width - MARGIN - menu.width));
  const room = window.height - 2 * MARGIN;
  if (menu.height > room) return { left, top: MARGIN, maxHeight: room };
  return { left, top: Math.max(MARGIN, Math.min(inward(pointer.y, menu.height, window.height), window.height - MARGIN - menu.height)) };
}

/** From the pointer towards the far edge when the menu fits that way, otherwise back from the pointer. */
function inward(at: number, size: number, edge: number): number {
  return at + size <= edge - MARGIN ? at : at - size;
}
