import type { CameraView } from '../../preload/api';

export interface CameraChanges {
  /** Household cameras this console showed and may no longer show (consent ended): kept by id. */
  withheld: ReadonlyMap<string, CameraView>;
  /** Public cameras that left the list: removed (or moved out of the console's scope). */
  removed: ReadonlySet<string>;
}

export const NO_CHANGES: CameraChanges = { withheld: new Map(), removed: new Set() };

/**
 * What a new camera list means for the wall. A household camera that disappears was most likely
 * withheld by its owner's consent: its tile keeps its place and says why (main tells the player).
 * A public camera that disappears was removed: its tile is emptied. A camera that comes back is
 * neither any more.
 */
export function cameraChanges(before: readonly CameraView[] | null, after: readonly CameraView[], known: CameraChanges): CameraChanges {
  const listed = new Set(after.map((camera) => camera.id));
  const withheld = new Map([...known.withheld].filter(([id]) => !listed.has(id)));
  const removed = new Set([...known.removed].filter((id) => !listed.has(id)));
  for (const camera of before ?? []) {
    if (listed.has(camera.id)) continue;
    if (camera.ownerKind === 'household') withheld.set(camera.id, camera);
    else removed.add(camera.id);
  }
  const same = withheld.size === known.withheld.size && removed.size === known.removed.size && [...removed].every((id) => known.removed.has(id)) && [...withheld.keys()].every((id) => known.withheld.has(id));
  return same ? known : { withheld, removed };
}
