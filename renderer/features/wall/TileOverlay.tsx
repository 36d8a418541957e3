import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView, Refusal, StreamState, StreamStatus } from '../../../preload/api';
import { useSiteName, useStores, useWithheldCamera } from '../../state/hooks';
import { RecordingMark } from '../../ui/RecordingMark';
import { StatusDot } from '../../ui/StatusDot';
import { WithheldMark } from '../../ui/HouseholdBadge';
import { useStateLabel } from '../../ui/useStateLabel';
import { viaRelay } from '../../ui/reasons';
import { BudgetLabel, type Level } from '../budget';
import { RecIndicator } from './RecIndicator';
import { StateNotice } from './StateNotice';
import { TranscodingBadge } from './TranscodingBadge';
import './tileMarks.css';
import './tileOverlay.css';

interface Props {
  index: number;
  cameraId: string;
  camera: CameraView | undefined;
  status: StreamStatus | undefined;
  state: StreamState;
  lastPictureAt: number | null;
  /** Why this console may not show the camera now: said instead of the stream's state. */
  withheld: Refusal | null;
  /** Bumped each time the player jumped back to the live edge: shows a short notice. */
  caughtUp: number;
  /** Decode budget level: labelled on the tile when it saves decode time. */
  budgetLevel?: Level;
  /** How long this console holds the picture before showing it (ms), read while the tile is hovered. */
  latencyMs?: () => number | null;
}

/** Name, state and village in a bar above the picture; stream facts on hover; why and since when, when not live. */
export function TileOverlay({ index, cameraId, camera, status, state, lastPictureAt, withheld, caughtUp, budgetLevel = 0, latencyMs }: Props) {
  const { t } = useTranslation();
  const { wall } = useStores();
  // A camera this console may no longer show is no longer listed: its last known name, if any.
  const remembered = useWithheldCamera(cameraId);
  const known = camera ?? remembered;
  const village = useSiteName(known?.siteId);
  const label = useStateLabel();
  const hovered = useTileHovered();

  return (
    <div className="tile-overlay" ref={hovered.ref}>
      <div className="tile-header" data-testid="tile-header">
        {withheld ? <WithheldMark /> : <StatusDot state={state} />}
        {/* In this order, and each whole or not at all: a narrow tile drops the village first, then
            the state (the dot keeps its colour), and cuts the camera's name last. */}
        <span className="tile-labels">
          <span className="tile-name" data-testid="tile-name">
            {known?.name ?? t('tile.withheldCamera')}
          </span>
          <span className="tile-state" data-testid="tile-state">
            {withheld ? t('tile.withheld') : label({ state, attempt: status?.attempt ?? 0 }, viaRelay(known))}
          </span>
          {village && (
            <span className="tile-village" data-testid="tile-village">
              {village}
            </span>
          )}
        </span>
        <RecIndicator cameraId={cameraId} />
        <RecordingMark cameraId={cameraId} />
        {/* A decode level means nothing without a picture to decode. */}
        {!withheld && state === 'live' && <BudgetLabel level={budgetLevel} />}
        {status && <TranscodingBadge status={status} />}
        <button
          type="button"
          className="tile-close"
          data-testid="tile-close"
          aria-label={t('wall.clearTile')}
          title={t('wall.clearTile')}
          onClick={(event) => {
            event.stopPropagation();
            wall.clear(index);
          }}
        >
          ×
        </button>
      </div>
      {caughtUp > 0 && (
        <p key={caughtUp} className="tile-flash" data-testid="tile-caught-up">
          {t('tile.caughtUp')}
        </p>
      )}
      {withheld ? (
        <p className="tile-withheld" data-testid="tile-withheld" data-refusal={withheld}>
          {t(`refusal.${withheld}`)}
        </p>
      ) : (
        state !== 'live' && <StateNotice status={status} state={state} viaRelay={viaRelay(known)} lastPictureAt={lastPictureAt} />
      )}
      {status && !withheld && <StreamFacts status={status} latencyMs={hovered.now && state === 'live' ? latencyMs : undefined} />}
    </div>
  );
}

/**
 * Whether the pointer is over the tile. The overlay lets clicks through to the tile (no pointer
 * events of its own), so this listens on the tile around it, as the facts' CSS :hover does.
 */
function useTileHovered(): { ref: RefObject<HTMLDivElement | null>; now: boolean } {
  const ref = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(false);
  useEffect(() => {
    const tile = ref.current?.parentElement;
    if (!tile) return;
    const enter = () => setNow(true);
    const leave = () => setNow(false);
    tile.addEventListener('mouseenter', enter);
    tile.addEventListener('mouseleave', leave);
    if (tile.matches(':hover')) setNow(true);
    return () => {
      tile.removeEventListener('mouseenter', enter);
      tile.removeEventListener('mouseleave', leave);
    };
  }, []);
  return { ref, now };
}

/** Re-reads the tile's latency once a second while shown (only while the tile is hovered). */
function useLatency(read: (() => number | null) | undefined): number | null {
  const [value, setValue] = useState<number | null>(null);
  useEffect(() => {
    if (!read) return setValue(null);
    setValue(read());
    const timer = setInterval(() => setValue(read()), 1000);
    return () => clearInterval(timer);
  }, [read]);
  return value;
}

function StreamFacts({ status, latencyMs }: { status: StreamStatus; latencyMs: (() => number | null) | undefined }) {
  const { t } = useTranslation();
  const latency = useLatency(latencyMs);
  const facts = [
    t(`tile.${status.profile}`),
    latency !== null && t('stream.latency', { value: latency }),
    status.width !== null && status.height !== null && t('stream.size', { width: status.width, height: status.height }),
    status.fps !== null && t('stream.fps', { value: Math.round(status.fps) }),
    status.bitrateKbps !== null && t('stream.kbps', { value: Math.round(status.bitrateKbps) }),
    status.codec,
  ].filter((fact): fact is string => typeof fact === 'string' && fact !== '');
  return (
    <p className="tile-facts" data-testid="tile-facts">
      {facts.join(' · ')}
    </p>
  );
}
