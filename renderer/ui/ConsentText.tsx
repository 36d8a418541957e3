import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../preload/api';
import { consentSummary, formatDay } from './consent';
import { useNow } from './useNow';

/** "授权至 12月31日", "户主已撤回授权"…: a household camera's consent, for admins (operators get no consent). */
export function ConsentText({ camera }: { camera: Pick<CameraView, 'ownerKind' | 'consent'> }) {
  const { t, i18n } = useTranslation();
  const summary = consentSummary(camera, useNow(60_000));
  switch (summary.state) {
    case 'public':
      return null;
    case 'until':
      return <>{t('consent.summary.until', { day: formatDay(summary.until, i18n.language) })}</>;
    case 'expired':
      return <>{t('consent.summary.expired', { day: formatDay(summary.until, i18n.language) })}</>;
    default:
      return <>{t(`consent.summary.${summary.state}`)}</>;
  }
}
