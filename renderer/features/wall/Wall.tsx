import { useTranslation } from 'react-i18next';
import { useStores, useWallView } from '../../state/hooks';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { FailureText } from '../../ui/FailureText';
import { CrashedTile, Tile } from './Tile';
import './wall.css';

/** The grid of tiles. Each tile has its own error boundary: one broken tile never blanks the wall. */
export function Wall() {
  const { t } = useTranslation();
  const { wall: store } = useStores();
  const { phase, wall, selected, loadError } = useWallView();

  if (phase !== 'ready') {
    return (
      <div className="wall-message" data-testid="wall-message">
        {loadError ? (
          <>
            <p>
              <FailureText lead={t('wall.loadFailed')} failure={loadError} />
            </p>
            <button type="button" onClick={() => void store.load()}>
              {t('common.retry')}
            </button>
          </>
        ) : (
          <p>{t('wall.loading')}</p>
        )}
      </div>
    );
  }

  return (
    <div className={`wall grid-${wall.grid}`} data-testid="wall" data-grid={wall.grid} aria-label={t('wall.label')}>
      {wall.tiles.map((cameraId, index) => (
        <ErrorBoundary
          key={index}
          resetKey={cameraId}
          fallback={(retry) => (
            <CrashedTile index={index} cameraId={cameraId} selected={index === selected} retry={retry} />
          )}
        >
          <Tile index={index} cameraId={cameraId} selected={index === selected} />
        </ErrorBoundary>
      ))}
    </div>
  );
}
