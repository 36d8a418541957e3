import { useTranslation } from 'react-i18next';
import { useIsAdmin, useObservable } from '../state/hooks';
import { onDemand } from '../ui/onDemand';
import { closeSettings, openSettings, settingsRequest } from '../features/sites/settingsRequest';

// Sites, import and preset files: loaded when first opened, not with the wall.
const SettingsDialog = onDemand(() => import('./SettingsDialog').then((m) => m.SettingsDialog));

/** The top bar's "Settings": sites and cameras, bulk import, preset files. */
export function SettingsButton() {
  const { t } = useTranslation();
  const request = useObservable(settingsRequest);
  const admin = useIsAdmin();
  return (
    <>
      <button
        type="button"
        data-testid="settings-button"
        disabled={!admin}
        title={admin ? t('settings.openTitle') : t('access.adminHint', { what: t('settings.open') })}
        onClick={() => openSettings('sites')}
      >
        {t('settings.open')}
      </button>
      {request && <SettingsDialog request={request} onClose={closeSettings} />}
    </>
  );
}
