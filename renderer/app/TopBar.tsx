import { useTranslation } from 'react-i18next';
import { GridPicker } from '../features/wall/GridPicker';
import { useAppInfo } from '../state/hooks';
import { LanguageToggle } from './LanguageToggle';

export function TopBar() {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <header className="top-bar">
      <h1 className="app-title" title={info ? `v${info.version} · ${info.mode}` : undefined}>
        {t('app.title')}
      </h1>
      <GridPicker />
      <LanguageToggle />
    </header>
  );
}
