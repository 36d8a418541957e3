import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaCrashed } from './app/AreaCrashed';
import { Banners } from './app/Banners';
import { SidePanel } from './app/SidePanel';
import { TopBar } from './app/TopBar';
import { EvidenceNotices } from './features/evidence/EvidenceNotices';
import { ReasonPrompt } from './features/evidence/ReasonPrompt';
import { KeyMapOverlay } from './features/keyboard/KeyMapOverlay';
import { ConsoleNoticesBanner } from './features/sites/ConsoleNoticesBanner';
import { StoreNoticeBanner } from './features/sites/StoreNoticeBanner';
import { useWallKeys } from './features/keyboard/useWallKeys';
import { TourBar } from './features/tour/TourBar';
import { Wall } from './features/wall/Wall';
import { PlaybackBar } from './features/playback';
import { wallIndexOf } from './features/walls/wallWindow';
import { WallWindowApp } from './app/WallWindowApp';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { FULLSCREEN_ROOT_ID } from './ui/fullscreen';

/** `?wall=N`: this page is wall window N (only the wall); otherwise the console. */
const WALL_INDEX = wallIndexOf(location.search);

export function App() {
  return WALL_INDEX === null ? <Console /> : <WallWindowApp index={WALL_INDEX} />;
}

function Console() {
  const { t } = useTranslation();
  useWallKeys();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="app">
      <TopBar />
      <Banners />
      <StoreNoticeBanner />
      <ConsoleNoticesBanner />
      <div className="workspace">
        <aside className="side">
          <SidePanel />
        </aside>
        <main className="wall-area" id={FULLSCREEN_ROOT_ID}>
          <ErrorBoundary fallback={(retry) => <AreaCrashed retry={retry} />}>
            <TourBar />
          </ErrorBoundary>
          <Wall />
          <ErrorBoundary fallback={(retry) => <AreaCrashed retry={retry} />}>
            <PlaybackBar />
          </ErrorBoundary>
        </main>
      </div>
      <KeyMapOverlay />
      <ReasonPrompt />
      <EvidenceNotices />
    </div>
  );
}
