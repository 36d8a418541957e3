import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StoreNotice } from '../../../preload/api';
import { useAppInfo } from '../../state/hooks';
import { NoticeBanner } from '../../ui/NoticeBanner';

/** Said once per start when the settings file was damaged (or an older copy was refused): what was kept, and where the file is. */
export function StoreNoticeBanner() {
  const { t, i18n } = useTranslation();
  const notice = useAppInfo()?.storeNotice ?? null;
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!notice || dismissed === notice.movedTo) return null;
  const time = notice.backupAt === null ? '' : new Date(notice.backupAt).toLocaleString(i18n.language);
  return (
    <NoticeBanner
      testId="store-notice"
      kind={notice.kind}
      sentence={sentenceOf(notice, time, t)}
      dismissLabel={t('settings.storeNotice.dismiss')}
      onDismiss={() => setDismissed(notice.movedTo)}
      details={
        <>
          <p>{t('settings.storeNotice.movedTo', { path: notice.movedTo })}</p>
          {notice.backupFrom && <p>{t('settings.storeNotice.backup', { path: notice.backupFrom })}</p>}
          <pre className="failure-message">{notice.problem}</pre>
        </>
      }
    />
  );
}

// `TFunction`, not `ReturnType<typeof useTranslation>['t']`: that one grows too deep for the typecheck as the catalogue grows.
function sentenceOf(notice: StoreNotice, time: string, t: TFunction): string {
  const recovered = notice.kind === 'recovered';
  if (notice.olderVersion) return recovered ? t('settings.storeNotice.olderVersion', { version: notice.olderVersion, time }) : t('settings.storeNotice.olderVersionReset', { version: notice.olderVersion });
  return recovered ? t('settings.storeNotice.recovered', { time }) : t('settings.storeNotice.reset');
}
