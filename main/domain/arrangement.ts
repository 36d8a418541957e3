/**
 * Which wall goes on which monitor. A township's wall is saved as a list of wall windows, each
 * bound to a display (by id), with its own preset or tour and full-screen flag. At start, and
 * whenever a monitor comes or goes, the saved list is placed on the displays that exist now.
 * Pure: displays in, placements out.
 */

export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

export interface WallWindowSetting {
  /** 1-based; the main window (tree and controls) is not a wall window. */
  index: number;
  displayId: number | null;
  presetId: string | null;
  /** Run the preset's tour rather than hold its wall. */
  tour: boolean;
  fullscreen: boolean;
}

/** What to do with a wall whose monitor is missing: move it to another monitor, or wait for it. */
export type MissingDisplayPolicy = 'move' | 'wait';

export type Placement =
  | { index: number; displayId: number; bounds: DisplayInfo['bounds']; fullscreen: boolean; moved: boolean }
  | { index: number; waitingFor: number | null };

export function placeWalls(walls: readonly WallWindowSetting[], displays: readonly DisplayInfo[], policy: MissingDisplayPolicy): Placement[] {
  const byId = new Map(displays.map((d) => [d.id, d]));
  const load = new Map(displays.map((d) => [d.id, 0]));
  for (const wall of walls) if (wall.displayId !== null && byId.has(wall.displayId)) load.set(wall.displayId, load.get(wall.displayId)! + 1);
  // A moved wall goes to a secondary monitor, the least used first; onto the primary one (which
  // holds the tree and the controls) only when there is no other.
  const fallback = (): DisplayInfo | undefined =>
    [...displays].sort((a, b) => Number(a.primary) - Number(b.primary) || load.get(a.id)! - load.get(b.id)! || a.id - b.id)[0];
  const assigned = [...walls]
    .sort((a, b) => a.index - b.index)
    .map((wall) => {
      const own = wall.displayId === null ? undefined : byId.get(wall.displayId);
      if (own) return { wall, display: own, moved: false };
      if (policy === 'wait' && wall.displayId !== null) return { wall, display: undefined, moved: false };
      const target = fallback();
      if (target) load.set(target.id, load.get(target.id)! + 1);
      return { wall, display: target, moved: true };
    });
  return assigned.map(({ wall, display, moved }): Placement => {
    if (!display) return { index: wall.index, waitingFor: wall.displayId };
    // Two walls sharing a monitor cannot both be full screen.
    return { index: wall.index, displayId: display.id, bounds: display.bounds, fullscreen: wall.fullscreen && load.get(display.id) === 1, moved };
  });
}

export interface StartupSettings {
  startAtLogin: boolean;
  /** Open the saved wall windows (full screen) at start, unattended. */
  restoreWalls: boolean;
}

/** At start: open the saved walls when set to, or when the system started us at login. */
export function restoreAtStart(settings: StartupSettings, startedAtLogin: boolean): boolean {
  return settings.restoreWalls || (settings.startAtLogin && startedAtLogin);
}
