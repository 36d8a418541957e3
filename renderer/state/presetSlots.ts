/**
 * Which preset or tour Alt+1…9 brings up. A number given by hand is kept; plain presets take the
 * free numbers in their saved order; a tour takes one only when given one (it is not a preset).
 */
import type { Preset, WallState } from '../../preload/api';

export const SLOT_COUNT = 9;

export function shortcutSlots(presets: readonly Preset[]): Map<number, Preset> {
  const slots = new Map<number, Preset>();
  for (const preset of presets) if (preset.shortcut && !slots.has(preset.shortcut)) slots.set(preset.shortcut, preset);
  const assigned = new Set([...slots.values()].map((preset) => preset.id));
  let next = 1;
  for (const preset of presets) {
    if (preset.tour !== null || assigned.has(preset.id)) continue;
    while (slots.has(next)) next++;
    if (next > SLOT_COUNT) break;
    slots.set(next, preset);
  }
  return slots;
}

/** The Alt number of a preset or tour, if it has one. */
export function slotOf(presets: readonly Preset[], presetId: string): number | null {
  for (const [number, preset] of shortcutSlots(presets)) if (preset.id === presetId) return number;
  return null;
}

/** Whether the wall shows exactly this preset's layout and cameras (so the list can say "on the wall"). */
export function wallShows(wall: WallState, preset: Pick<Preset, 'wall'>): boolean {
  const tiles = preset.wall.tiles;
  return wall.layout.id === preset.wall.layout.id && wall.tiles.length === tiles.length && wall.tiles.every((tile, i) => tile === tiles[i]);
}
