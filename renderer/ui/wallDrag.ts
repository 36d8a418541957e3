import type { DragEvent } from 'react';

/** Our own drag types, so a file or a link dragged onto the wall is not mistaken for a camera. */
const CAMERAS_TYPE = 'application/x-village-wall-cameras';
const TILE_TYPE = 'application/x-village-wall-tile';

export type WallDrop = { kind: 'cameras'; cameraIds: string[] } | { kind: 'tile'; index: number };

/** A camera, or a whole site's cameras, dragged from the tree. */
export function startCamerasDrag(event: DragEvent, cameraIds: readonly string[]): void {
  event.dataTransfer.setData(CAMERAS_TYPE, JSON.stringify(cameraIds));
  event.dataTransfer.setData('text/plain', cameraIds.join(' '));
  event.dataTransfer.effectAllowed = 'copyMove';
}

/** A tile dragged onto another tile (they swap). */
export function startTileDrag(event: DragEvent, index: number): void {
  event.dataTransfer.setData(TILE_TYPE, String(index));
  event.dataTransfer.effectAllowed = 'move';
}

export function isWallDrag(event: DragEvent): boolean {
  const { types } = event.dataTransfer;
  return types.includes(CAMERAS_TYPE) || types.includes(TILE_TYPE);
}

export function dropEffectOf(event: DragEvent): 'copy' | 'move' {
  return event.dataTransfer.types.includes(TILE_TYPE) ? 'move' : 'copy';
}

export function readWallDrop(event: DragEvent): WallDrop | null {
  const tile = event.dataTransfer.getData(TILE_TYPE);
  if (tile !== '' && /^\d+$/.test(tile)) return { kind: 'tile', index: Number(tile) };
  try {
    const ids: unknown = JSON.parse(event.dataTransfer.getData(CAMERAS_TYPE) || 'null');
    if (Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string')) return { kind: 'cameras', cameraIds: ids };
  } catch {
    // Not ours after all.
  }
  return null;
}
