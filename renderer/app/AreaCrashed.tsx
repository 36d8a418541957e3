import { useTranslation } from 'react-i18next';

export function AreaCrashed({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel-note">
      <p>{t('app.areaCrashed')}</p>
      <button type="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
