import { useTranslation } from 'react-i18next';
import { LanguageToggle } from './LanguageToggle';

/** Opened in a browser without `?token=`: say exactly how to open it instead. */
export function NoToken() {
  const { t } = useTranslation();
  return (
    <main className="no-token" data-testid="no-token">
      <h1>{t('noToken.title')}</h1>
      <p>{t('noToken.body')}</p>
      <p className="banner-note">{t('noToken.restartHint')}</p>
      <LanguageToggle />
    </main>
  );
}
