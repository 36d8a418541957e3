import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../../../preload/api';
import { useNow } from '../../ui/useNow';
import { ageOf } from './age';

/** Below the header of a tile that is not live: how long without a picture, the next retry, the details. */
export function StateNotice({ status }: { status: StreamStatus | undefined }) {
  const { t } = useTranslation();
  const [showDetail, setShowDetail] = useState(false);
  if (!status) return null;

  return (
    <div className="tile-notice">
      {status.lastFrameAt !== null && <PictureAge lastFrameAt={status.lastFrameAt} />}
      {status.retryAt !== null && <RetryCountdown retryAt={status.retryAt} />}
      {status.detail && (
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

function PictureAge({ lastFrameAt }: { lastFrameAt: number }) {
  const { t } = useTranslation();
  const age = ageOf(useNow() - lastFrameAt);
  return (
    <p className="tile-age" data-testid="tile-age">
      {t(`age.${age.unit}`, { value: age.value })}
    </p>
  );
}

function RetryCountdown({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const seconds = Math.ceil((retryAt - useNow()) / 1000);
  return <p className="tile-retry">{seconds > 0 ? t('retry.in', { value: seconds }) : t('retry.now')}</p>;
}
