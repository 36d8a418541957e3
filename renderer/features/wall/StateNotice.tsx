import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../../../preload/api';
import { formatClock } from '../../ui/formatTime';
import { useNow } from '../../ui/useNow';
import { ageOf } from './age';

/** Below the header of a tile that is not live: how long without a picture, the next retry, the details. */
export function StateNotice({ status, lastPictureAt }: { status: StreamStatus | undefined; lastPictureAt: number | null }) {
  const { t } = useTranslation();
  const [showDetail, setShowDetail] = useState(false);

  return (
    <div className="tile-notice">
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
    </p>
  );
}

function RetryCountdown({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const seconds = Math.ceil((retryAt - useNow()) / 1000);
  return <p className="tile-retry">{seconds > 0 ? t('retry.in', { value: seconds }) : t('retry.now')}</p>;
}
