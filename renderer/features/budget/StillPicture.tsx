import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../preload/api';
import { useStores } from '../../state/hooks';
import { useNow } from '../../ui/useNow';

/** How often a tile at the still level asks for a new picture. */
export const STILL_EVERY_MS = 5000;
/** A still this old was not refreshed (the camera dropped, main refused): say so on it. */
const STALE_AFTER_MS = 2 * STILL_EVERY_MS;

/** What a tile's JPEG still says of the camera: its picture's time, and whether it is overdue. */
export interface StillFreshness {
  at: number;
  stale: boolean;
}

/**
 * Decode budget level 3: no player, a JPEG of the camera refreshed every few seconds. No player
 * runs, so the tile's state comes from here (`onFreshness`): a fresh still is a live camera at a
 * low rate, an overdue one a stalled picture.
 */
export function StillPicture({ cameraId, profile, onFreshness }: { cameraId: string; profile: Profile; onFreshness?: (freshness: StillFreshness | null) => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const now = useNow(1000);
  const [still, setStill] = useState<{ src: string; at: number } | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchStill = async () => {
      try {
        const result = await api.invoke('stream.still', { cameraId, profile });
        if (!stopped && result.ok) setStill({ src: `data:image/jpeg;base64,${result.value.jpegBase64}`, at: result.value.at });
      } catch {
        // The next refresh tries again.
      }
      if (!stopped) timer = setTimeout(() => void fetchStill(), STILL_EVERY_MS);
    };
    void fetchStill();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, cameraId, profile]);

  const stale = still !== null && now - still.at > STALE_AFTER_MS;
  useEffect(() => onFreshness?.(still ? { at: still.at, stale } : null), [onFreshness, still, stale]);
  useEffect(() => () => onFreshness?.(null), [onFreshness]);

  return (
    <div className="budget-still">
      {still && <img src={still.src} alt="" data-testid="tile-still" data-at={still.at} draggable={false} />}
      {still && stale && (
        <p className="budget-still-stale" data-testid="tile-still-stale">
          {t('budget.stillStale', { seconds: Math.round((now - still.at) / 1000) })}
        </p>
      )}
    </div>
  );
}
