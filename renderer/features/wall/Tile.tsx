import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStreamStatus } from '../../state/hooks';
import { STATE_TONE } from '../../ui/streamTone';
import { Player } from './Player';
import { TileFrame } from './TileFrame';
import { TileOverlay } from './TileOverlay';

interface Props {
  index: number;
  cameraId: string | null;
  selected: boolean;
}

export const Tile = memo(function Tile({ index, cameraId, selected }: Props) {
  const { t } = useTranslation();
  if (cameraId === null) {
    return (
      <TileFrame index={index} cameraId={null} selected={selected} state="empty">
        <p className="tile-empty">{t('wall.emptyTile')}</p>
      </TileFrame>
    );
  }
  return <CameraTile index={index} cameraId={cameraId} selected={selected} />;
});

/** A tile showing a camera; re-renders only when that camera's status changes. */
function CameraTile({ index, cameraId, selected }: Props & { cameraId: string }) {
  const status = useStreamStatus(cameraId);
  // Until the host reports, the tile is opening the stream: show it as connecting, not as dead.
  const state = status?.state ?? 'starting';
  return (
    <TileFrame index={index} cameraId={cameraId} selected={selected} state={state} tone={STATE_TONE[state]}>
      <Player key={cameraId} cameraId={cameraId} />
      <TileOverlay index={index} cameraId={cameraId} status={status} state={state} />
    </TileFrame>
  );
}

/** What a tile shows after its content threw: the rest of the wall keeps playing. */
export function CrashedTile({ index, cameraId, selected, retry }: Props & { retry: () => void }) {
  const { t } = useTranslation();
  return (
    <TileFrame index={index} cameraId={cameraId} selected={selected} state="error" tone="fault">
      <div className="tile-crashed">
        <p>{t('wall.tileCrashed')}</p>
        <button
          type="button"
          onClick={(event) => {
            event.stopPropagation();
            retry();
          }}
        >
          {t('common.retry')}
        </button>
      </div>
    </TileFrame>
  );
}
