import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { CameraView, Profile, StreamStatus } from '../../preload/api';
import type { LinkStatus } from '../transport';
import type { CamerasView } from './camerasStore';
import type { Stores } from './createStores';
import { statusKey } from './statusStore';
import type { WallView } from './wallStore';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

/** Re-renders only when this camera's status for this profile changes. */
export function useStreamStatus(cameraId: string, profile: Profile = 'main'): StreamStatus | undefined {
  const { statuses } = useStores();
  const key = statusKey(cameraId, profile);
  const subscribe = useCallback((onChange: () => void) => statuses.subscribe(key, onChange), [statuses, key]);
  return useSyncExternalStore(subscribe, () => statuses.get(key));
}

export function useWallView(): WallView {
  const { wall } = useStores();
  return useSyncExternalStore(wall.view.subscribe, wall.view.get);
}

export function useCamerasView(): CamerasView {
  const { cameras } = useStores();
  return useSyncExternalStore(cameras.view.subscribe, cameras.view.get);
}

export function useCamera(cameraId: string): CameraView | undefined {
  const { cameras } = useCamerasView();
  return cameras?.find((c) => c.id === cameraId);
}

export function useLinkStatus(): LinkStatus {
  const { link } = useStores();
  return useSyncExternalStore(link.subscribe, link.get);
}

export function useAppInfo() {
  const { appInfo } = useStores();
  return useSyncExternalStore(appInfo.subscribe, appInfo.get);
}
