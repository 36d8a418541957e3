import { describe, expect, it } from 'vitest';
import type { CameraView } from '../../preload/api';
import { cameraChanges, NO_CHANGES } from './cameraChanges';

const camera = (id: string, ownerKind: CameraView['ownerKind'] = 'public'): CameraView => ({
  id, name: id, siteId: 'east', kind: 'rtsp', mainUrl: `rtsp://h/${id}`, subUrl: null, username: null, passwordSet: false, ownerKind,
});

describe('what a new camera list means for the wall', () => {
  it('keeps a household camera that disappeared, to show why on its tile', () => {
    const changes = cameraChanges([camera('square'), camera('home', 'household')], [camera('square')], NO_CHANGES);
    expect([...changes.withheld.keys()]).toEqual(['home']);
    expect(changes.withheld.get('home')?.name).toBe('home');
    expect(changes.removed.size).toBe(0);
  });

  it('counts a public camera that disappeared as removed', () => {
    const changes = cameraChanges([camera('square'), camera('gate')], [camera('square')], NO_CHANGES);
    expect([...changes.removed]).toEqual(['gate']);
  });

  it('forgets both once the camera is listed again', () => {
    const gone = cameraChanges([camera('gate'), camera('home', 'household')], [], NO_CHANGES);
    const back = cameraChanges([], [camera('gate'), camera('home', 'household')], gone);
    expect(back.removed.size + back.withheld.size).toBe(0);
  });

  it('keeps the same answer when nothing changed, so nothing re-renders', () => {
    const gone = cameraChanges([camera('gate')], [], NO_CHANGES);
    expect(cameraChanges([], [], gone)).toBe(gone);
    expect(cameraChanges(null, [camera('a')], NO_CHANGES)).toBe(NO_CHANGES);
  });
});
