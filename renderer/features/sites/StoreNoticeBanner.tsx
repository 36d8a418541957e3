import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../state/hooks';

/** Said once per start when the settings file was damaged: what was kept, and where the damaged file is. */
export function StoreNoticeBanner() {
  const { t, i18n } = useTranslation();
  const notice = useAppInfo()?.storeNotice ?? null;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  if (!notice || dismissed === notice.movedTo) return null;
  const time = notice.backupAt === null ? '' : new Date(notice.backupAt).toLocaleString(i18n.language);
  return (
    <div className="banner banner-warning" role="alert" data-testid="store-notice" data-kind={notice.kind}>
      <p>
        {notice.kind === 'recovered' ? t('settings.storeNotice.recovered', { time }) : t('settings.storeNotice.reset')}{' '}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('common.hideDetails') : t('common.details')}
        </button>{' '}
        <button type="button" className="link-button" onClick={() => setDismissed(notice.movedTo)}>
          {t('settings.storeNotice.dismiss')}
        </button>
      </p>
      {open && (
        <div className="banner-note">
          <p>{t('settings.storeNotice.movedTo', { path: notice.movedTo })}</p>
          {notice.backupFrom && <p>{t('settings.storeNotice.backup', { path: notice.backupFrom })}</p>}
          <pre className="failure-message">{notice.problem}</pre>
        </div>
      )}
    </div>
  );
}
