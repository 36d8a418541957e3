import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WallSaveWarning } from '../features/wall/WallSaveWarning';
import { useAppInfo, useLinkStatus } from '../state/hooks';

/** After this many failed reconnects the token is probably stale (the host restarted). */
const TOKEN_HINT_AFTER = 3;

export function Banners() {
  return (
    <div className="banners">
      <LinkBanner />
      <FfmpegBanner />
      <WallSaveWarning />
    </div>
  );
}

function LinkBanner() {
  const { t } = useTranslation();
  const { state, failures, everOpened } = useLinkStatus();
  if (state === 'open' || failures === 0) return null;
  return (
    <div className="banner banner-alert" role="alert" data-testid="link-banner">
      <p>{everOpened ? t('link.lost') : t('link.unreachable')}</p>
      {failures >= TOKEN_HINT_AFTER && <p className="banner-note">{t('link.tokenHint')}</p>}
    </div>
  );
}

function FfmpegBanner() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const [open, setOpen] = useState(false);
  if (!info || info.ffmpeg.ok) return null;
  return (
    <div className="banner banner-alert" role="alert" data-testid="ffmpeg-banner">
      <p>
        {t('ffmpeg.missing')}{' '}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('common.hideDetails') : t('common.details')}
        </button>
      </p>
      {open && (
        <div className="banner-note">
          <p>{t('ffmpeg.searched')}</p>
          {info.ffmpeg.path && <p>{t('ffmpeg.path', { path: info.ffmpeg.path })}</p>}
        </div>
      )}
    </div>
  );
}
