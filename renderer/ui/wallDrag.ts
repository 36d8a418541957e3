import type { DragEvent } from 'react';

/** Our own drag type, so a file or a link dragged onto the wall is not mistaken for a camera. */
const CAMERA_TYPE = 'application/x-village-wall-camera';

export function startCameraDrag(event: DragEvent, cameraId: string): void {
  event.dataTransfer.setData(CAMERA_TYPE, cameraId);
  event.dataTransfer.setData('text/plain', cameraId);
  event.dataTransfer.effectAllowed = 'copy';
}

export function isCameraDrag(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(CAMERA_TYPE);
}

export function droppedCameraId(event: DragEvent): string | null {
  return event.dataTransfer.getData(CAMERA_TYPE) || null;
}
