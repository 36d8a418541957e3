import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { PROFILES, type AccessState, type CameraView, type Profile, type StreamState, type StreamStatus } from '../../preload/api';
import type { Observable } from '../lib/observable';
import type { LinkStatus } from '../transport';
import type { CamerasView } from './camerasStore';
import type { Stores } from './createStores';
import type { Recording } from './evidenceStore';
import type { PresetsView } from './presetsStore';
import type { CameraRecording } from './recordingMarksStore';
import { cameraState, rollUp } from './rollUp';
import { statusKey, type StatusStore } from './statusStore';
import type { TourView } from './tourStore';
import type { WallView } from './wallStore';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

export function useObservable<T>(observable: Pick<Observable<T>, 'get' | 'subscribe'>): T {
  return useSyncExternalStore(observable.subscribe, observable.get);
}

/** Re-renders only when this camera's status for this profile changes. */
export function useStreamStatus(cameraId: string, profile: Profile = 'main'): StreamStatus | undefined {
  const { statuses } = useStores();
  const key = statusKey(cameraId, profile);
  const subscribe = useCallback((onChange: () => void) => statuses.subscribe(key, onChange), [statuses, key]);
  return useSyncExternalStore(subscribe, () => statuses.get(key));
}

function subscribeCameras(statuses: StatusStore, cameraIds: readonly string[], onChange: () => void): () => void {
  const offs = cameraIds.flatMap((id) => PROFILES.map((profile) => statuses.subscribe(statusKey(id, profile), onChange)));
  return () => offs.forEach((off) => off());
}

function stateOf(statuses: StatusStore, cameraId: string): StreamState | undefined {
  return cameraState(PROFILES.map((profile) => statuses.get(statusKey(cameraId, profile))));
}

/** What the camera's REC mark says; re-renders only when this camera's mark changes. */
export function useRecordingMark(cameraId: string): CameraRecording | undefined {
  const { recordingMarks } = useStores();
  const subscribe = useCallback((onChange: () => void) => recordingMarks.subscribe(cameraId, onChange), [recordingMarks, cameraId]);
  return useSyncExternalStore(subscribe, () => recordingMarks.get(cameraId));
}

/** A camera's state in one word whichever of its streams are open (the tree's dot). */
export function useCameraState(cameraId: string): StreamState | undefined {
  const { statuses } = useStores();
  const subscribe = useCallback((onChange: () => void) => subscribeCameras(statuses, [cameraId], onChange), [statuses, cameraId]);
  return useSyncExternalStore(subscribe, () => stateOf(statuses, cameraId));
}

/** How many of these cameras are failing; re-renders only when that number changes. */
export function useOfflineCount(cameraIds: readonly string[]): number {
  const { statuses } = useStores();
  const joined = cameraIds.join('\n');
  const ids = useMemo(() => (joined === '' ? [] : joined.split('\n')), [joined]);
  const subscribe = useCallback((onChange: () => void) => subscribeCameras(statuses, ids, onChange), [statuses, ids]);
  return useSyncExternalStore(subscribe, () => rollUp(ids, (id) => stateOf(statuses, id)).offline);
}

export function useWallView(): WallView {
  return useObservable(useStores().wall.view);
}

export function useCamerasView(): CamerasView {
  return useObservable(useStores().cameras.view);
}

export function usePresetsView(): PresetsView {
  return useObservable(useStores().presets.view);
}

export function useTourView(): TourView {
  return useObservable(useStores().tour.view);
}

export function useCamera(cameraId: string): CameraView | undefined {
  const { cameras } = useCamerasView();
  return cameras?.find((c) => c.id === cameraId);
}

/** A camera the console showed before and may not show now (household consent ended). */
export function useWithheldCamera(cameraId: string): CameraView | undefined {
  return useCamerasView().changes.withheld.get(cameraId);
}

/** The site this console serves, this connection's role, the PIN lock (null until main answered). */
export function useAccessState(): AccessState | null {
  return useObservable(useStores().access.view).state;
}

/** Whether this connection may use the admin tools now (main checks again on every call). */
export function useIsAdmin(): boolean {
  return useAccessState()?.role === 'admin';
}

/** The clip being recorded from this camera, if any; re-renders only for this camera. */
export function useRecording(cameraId: string): Recording | undefined {
  const { recordings } = useStores().evidence;
  return useSyncExternalStore(recordings.subscribe, () => recordings.get().get(cameraId));
}

/** The name of a camera's site (the village), for the tile's overlay. */
export function useSiteName(siteId: string | null | undefined): string | undefined {
  const { sites } = useCamerasView();
  return siteId ? sites.find((s) => s.id === siteId)?.name : undefined;
}

export function useLinkStatus(): LinkStatus {
  return useObservable(useStores().link);
}

export function useAppInfo() {
  return useObservable(useStores().appInfo);
}
