import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n';

export function LanguageToggle() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="lang-toggle"
      data-testid="lang-toggle"
      title={t('lang.switchTitle')}
      onClick={switchLanguage}
    >
      {t('lang.switchTo')}
    </button>
  );
}
