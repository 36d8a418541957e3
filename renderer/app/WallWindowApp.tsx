import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaCrashed } from './AreaCrashed';
import { Banners } from './Banners';
import { useObservable, useStores, useTourView } from '../state/hooks';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { FailureText } from '../ui/FailureText';
import { FULLSCREEN_ROOT_ID, toggleWallFullscreen } from '../ui/fullscreen';
import { EvidenceNotices } from '../features/evidence/EvidenceNotices';
import { ReasonPrompt } from '../features/evidence/ReasonPrompt';
import { KeyMapOverlay } from '../features/keyboard/KeyMapOverlay';
import { useWallKeys } from '../features/keyboard/useWallKeys';
import { TourBar } from '../features/tour/TourBar';
import { Wall } from '../features/wall/Wall';
import { wallWindowController } from '../features/walls/wallWindowController';
import type { WallTarget } from '../features/walls/wallWindow';
import '../features/walls/walls.css';

/**
 * Wall window N (`?wall=N`): only the wall, under a one-line status strip. What it shows comes from
 * the saved arrangement; what the operator does on it (keys, maximize, tour pause) stays in it.
 */
export function WallWindowApp({ index }: { index: number }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [controller] = useState(() => wallWindowController(stores, index));
  const { target, failure } = useObservable(controller.view);
  useWallKeys();
  useEffect(() => controller.start(), [controller]);
  useEffect(() => {
    document.title = t('walls.window.title', { index });
  }, [t, index]);

  return (
    <div className="app wall-window" data-testid="wall-window" data-wall={index} data-target={target.kind}>
      <WallStrip index={index} target={target} />
      <Banners />
      {failure && (
        <p className="banner banner-warning" role="status" data-testid="wall-window-failure">
          <FailureText lead={t('walls.window.loadFailed')} failure={failure} />
        </p>
      )}
      <main className="wall-area" id={FULLSCREEN_ROOT_ID}>
        {target.kind === 'preset' ? (
          <>
            <ErrorBoundary fallback={(retry) => <AreaCrashed retry={retry} />}>
              <TourBar />
            </ErrorBoundary>
            <Wall />
          </>
        ) : (
          <WallWindowMessage index={index} target={target} />
        )}
      </main>
      <KeyMapOverlay />
      <ReasonPrompt />
      <EvidenceNotices />
    </div>
  );
}

function WallStrip({ index, target }: { index: number; target: WallTarget }) {
  const { t } = useTranslation();
  const { running } = useTourView();
  return (
    <header className="wall-strip" data-testid="wall-strip">
      <strong>{t('walls.window.label', { index })}</strong>
      {target.kind === 'preset' && <span data-testid="wall-strip-preset">{target.preset.name}</span>}
      {running && <span className="wall-strip-tour">{t('walls.window.touring')}</span>}
      <button type="button" className="quiet" title="F11" onClick={toggleWallFullscreen}>
        {t('wall.fullscreen')}
      </button>
    </header>
  );
}

function WallWindowMessage({ index, target }: { index: number; target: WallTarget }) {
  const { t } = useTranslation();
  return (
    <div className="wall-message wall-window-message" data-testid="wall-window-message">
      {target.kind === 'loading' ? (
        <p>{t('walls.window.loading', { index })}</p>
      ) : (
        <>
          <h2>{t('walls.window.thisIs', { index })}</h2>
          <p>{target.kind === 'missing' ? t('walls.window.missing') : t('walls.window.unassigned')}</p>
        </>
      )}
    </div>
  );
}
