import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Banners } from './app/Banners';
import { TopBar } from './app/TopBar';
import { CamerasPanel } from './features/cameras/CamerasPanel';
import { Wall } from './features/wall/Wall';
import { ErrorBoundary } from './ui/ErrorBoundary';

export function App() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="app">
      <TopBar />
      <Banners />
      <div className="workspace">
        <aside className="side">
          <ErrorBoundary fallback={(retry) => <AreaCrashed retry={retry} />}>
            <CamerasPanel />
          </ErrorBoundary>
        </aside>
        <main className="wall-area">
          <Wall />
        </main>
      </div>
    </div>
  );
}

function AreaCrashed({ retry }: { retry: () => void }) {
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
