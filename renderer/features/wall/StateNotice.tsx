import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamState, StreamStatus } from '../../../preload/api';
import { formatClock } from '../../ui/formatTime';
import { reasonOf } from '../../ui/reasons';
import { useNow } from '../../ui/useNow';
import { useStateLabel } from '../../ui/useStateLabel';
import { ageOf } from './age';

interface Props {
  status: StreamStatus | undefined;
  /** The state the tile shows (its header says it too). */
  state: StreamState;
  viaRelay: boolean;
  lastPictureAt: number | null;
}

/**
 * Over a tile that is not live: why, in the words 测试连接 uses ("地址不可达 · IP、端口或网络不通"),
 * since when there has been no picture, the next retry, and ffmpeg's own words one click away.
 * A maximized tile shows the same, large (tileOverlay.css).
 */
export function StateNotice({ status, state, viaRelay, lastPictureAt }: Props) {
  const { t } = useTranslation();
  const [showDetail, setShowDetail] = useState(false);
  const label = useStateLabel();
  const reason = reasonOf(state, viaRelay);

  return (
    <div className="tile-notice" data-testid="tile-notice">
      {reason && (
        <p className="tile-reason" data-testid="tile-reason" data-reason={reason}>
          <span className="tile-reason-name">{label({ state, attempt: 0 }, viaRelay)}</span>{' '}
          <span className="tile-reason-hint">{t(`reason.hint.${reason}`)}</span>
        </p>
      )}
      {lastPictureAt !== null && <PictureAge lastPictureAt={lastPictureAt} />}
      {status?.retryAt != null && <RetryCountdown retryAt={status.retryAt} />}
      {status?.detail && (
        <>
          <button
            type="button"
            className="link-button"
            data-testid="tile-details"
            aria-expanded={showDetail}
            onClick={(event) => {
              event.stopPropagation();
              setShowDetail((shown) => !shown);
            }}
          >
            {showDetail ? t('common.hideDetails') : t('common.details')}
          </button>
          {showDetail && (
            <pre className="tile-detail" data-testid="tile-detail">
              {status.detail}
            </pre>
          )}
        </>
      )}
    </div>
  );
}

function PictureAge({ lastPictureAt }: { lastPictureAt: number }) {
  const { t } = useTranslation();
  const age = ageOf(useNow() - lastPictureAt);
  return (
    <p className="tile-age" data-testid="tile-age" title={t('tile.lastFrameAt', { time: formatClock(lastPictureAt) })}>
      {t(`age.${age.unit}`, { value: age.value })}
      <span className="tile-last-picture" data-testid="tile-last-picture">
        {t('tile.lastFrameAt', { time: formatClock(lastPictureAt) })}
      </span>
    </p>
  );
}

function RetryCountdown({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const seconds = Math.ceil((retryAt - useNow()) / 1000);
  return <p className="tile-retry">{seconds > 0 ? t('retry.in', { value: seconds }) : t('retry.now')}</p>;
}
