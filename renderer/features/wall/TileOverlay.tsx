import { useTranslation } from 'react-i18next';
import type { StreamState, StreamStatus } from '../../../preload/api';
import { useCamera, useStores } from '../../state/hooks';
import { StatusDot } from '../../ui/StatusDot';
import { useStateLabel } from '../../ui/useStateLabel';
import { StateNotice } from './StateNotice';

interface Props {
  index: number;
  cameraId: string;
  status: StreamStatus | undefined;
  state: StreamState;
}

/** Name and state on top of the video; stream facts when live, the reason and age when not. */
export function TileOverlay({ index, cameraId, status, state }: Props) {
  const { t } = useTranslation();
  const { wall } = useStores();
  const camera = useCamera(cameraId);
  const label = useStateLabel();

  return (
    <div className="tile-overlay">
      <div className="tile-header">
        <StatusDot state={state} />
        <span className="tile-name">{camera?.name ?? cameraId}</span>
        <span className="tile-state" data-testid="tile-state">
          {label({ state, attempt: status?.attempt ?? 0 })}
        </span>
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
      {state === 'live' ? status && <StreamFacts status={status} /> : <StateNotice status={status} />}
    </div>
  );
}

function StreamFacts({ status }: { status: StreamStatus }) {
  const { t } = useTranslation();
  const facts = [
    status.width !== null && status.height !== null && t('stream.size', { width: status.width, height: status.height }),
    status.fps !== null && t('stream.fps', { value: Math.round(status.fps) }),
    status.bitrateKbps !== null && t('stream.kbps', { value: Math.round(status.bitrateKbps) }),
  ].filter((fact): fact is string => typeof fact === 'string');
  if (facts.length === 0) return null;
  return (
    <p className="tile-facts" data-testid="tile-facts">
      {facts.join(' · ')}
    </p>
  );
}
