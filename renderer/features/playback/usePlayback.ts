import type { WallApi } from '../../../preload/api';
import { useObservable, useStores } from '../../state/hooks';
import { PlaybackStore, type PlaybackTile, type PlaybackView } from './playbackStore';

/** One playback store per host connection (the console page has one). */
const stores = new WeakMap<WallApi, PlaybackStore>();

export function usePlaybackStore(): PlaybackStore {
  const { api } = useStores();
  let store = stores.get(api);
  if (!store) stores.set(api, (store = new PlaybackStore()));
  return store;
}

export function usePlaybackView(): PlaybackView {
  return useObservable(usePlaybackStore().view);
}

/** This wall tile's playback, if it plays recorded video. */
export function usePlaybackTile(index: number): PlaybackTile | undefined {
  return usePlaybackView().tiles.get(index);
}

/** The focused clock's recorded time, a few times a second (null while live). */
export function usePlaybackPosition(): number | null {
  return useObservable(usePlaybackStore().position);
}
