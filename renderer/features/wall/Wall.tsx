import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../preload/api';
import { useStores, useWallView } from '../../state/hooks';
import { gridArea, tileKeys } from '../../state/wallLayout';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { FailureText } from '../../ui/FailureText';
import { observeSize } from '../../ui/observers';
import { isWallDrag, readWallDrop } from '../../ui/wallDrag';
import { CloseRecordingDialog } from './CloseRecordingDialog';
import { CrashedTile, Tile } from './Tile';
import { TileMenu, type MenuAt } from './TileMenu';
import { UndoToast } from './UndoToast';
import './wall.css';

/**
 * The tiles, placed by the layout's own rows, columns and spans. Each tile has its own error
 * boundary (one broken tile never blanks the wall) and is keyed by its camera, so a camera that
 * moves (swap, layout switch, tour step) keeps its player.
 */
export function Wall() {
  const { t } = useTranslation();
  const { wall: store } = useStores();
  const { phase, loadError } = useWallView();

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
  return <WallGrid />;
}

function WallGrid() {
  const { t } = useTranslation();
  const { wall: store, tour } = useStores();
  const { wall, selected, maximized, pinnedMain, leftOut } = useWallView();
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const onMenu = useCallback((index: number, x: number, y: number, profile: Profile | undefined) => setMenu({ index, x, y, profile }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  useEffect(() => {
    const element = grid.current;
    if (!element) return;
    // For warming up a tour's next step with the stream its tiles will ask for (no re-render).
    return observeSize(element, (width) => {
      store.widthPx = width;
    });
  }, [store]);

  // Dropped on the wall but not on a tile (a gap between tiles): fill from the first tile.
  const onDragOver = (event: DragEvent) => {
    if (!isWallDrag(event)) return;
    event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const drop = readWallDrop(event);
    if (drop?.kind !== 'cameras') return;
    event.preventDefault();
    store.fill(0, drop.cameraIds);
  };

  const keys = tileKeys(wall.tiles);
  return (
    <div
      ref={grid}
      className="wall"
      style={{
        gridTemplateRows: `repeat(${wall.layout.rows}, minmax(0, 1fr))`,
        gridTemplateColumns: `repeat(${wall.layout.cols}, minmax(0, 1fr))`,
      }}
      data-testid="wall"
      data-layout={wall.layout.id}
      data-maximized={maximized ?? undefined}
      aria-label={t('wall.label')}
      onPointerDown={() => tour.touch()}
      onWheel={() => tour.touch()}
      onDropCapture={() => tour.touch()}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {wall.tiles.map((cameraId, index) => {
        const place = {
          index,
          area: gridArea(wall.layout.tiles[index]!),
          selected: index === selected,
          maximized: maximized === index,
          hidden: maximized !== null && maximized !== index,
          onMenu,
        };
        return (
          <ErrorBoundary key={keys[index]} resetKey={cameraId} fallback={(retry) => <CrashedTile {...place} cameraId={cameraId} retry={retry} />}>
            <Tile {...place} cameraId={cameraId} pinnedMain={cameraId !== null && pinnedMain.has(cameraId)} />
          </ErrorBoundary>
        );
      })}
      {menu && <TileMenu at={menu} onClose={closeMenu} />}
      <UndoToast />
      <CloseRecordingDialog />
      {leftOut > 0 && (
        <p className="wall-note" role="status" data-testid="wall-left-out">
          {t('wall.leftOut', { count: leftOut })}
        </p>
      )}
    </div>
  );
}
