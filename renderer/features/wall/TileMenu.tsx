import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView, Profile } from '../../../preload/api';
import { useCamera, useRecording, useStores, useWallView } from '../../state/hooks';
import { placeMenu, type Placement } from '../../ui/menuPlacement';
import { BudgetMenuItems } from '../budget';
import { PlaybackMenuItem } from '../playback';
import './controls.css';

export interface MenuAt {
  index: number;
  x: number;
  y: number;
  /** The stream the tile showed when the menu opened. */
  profile?: Profile;
}

/** Right-click on a tile: maximize, main stream, find in the tree, snapshot, clip, close. */
export function TileMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const { t } = useTranslation();
  const { wall, tree, evidence } = useStores();
  const { wall: state, pinnedMain, maximized } = useWallView();
  const menu = useRef<HTMLDivElement>(null);
  const cameraId = state.tiles[at.index] ?? null;
  const camera = useCamera(cameraId ?? '');
  const recording = useRecording(cameraId ?? '');
  const [placed, setPlaced] = useState<Placement | null>(null);

  // Measured before the first paint, then placed inward: a bottom-right tile's menu opens up and left.
  useLayoutEffect(() => {
    const element = menu.current;
    if (!element) return;
    setPlaced(placeMenu(at, { width: element.offsetWidth, height: element.offsetHeight }, { width: window.innerWidth, height: window.innerHeight }));
  }, [at]);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const away = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  if (cameraId === null) return null;
  const pinned = pinnedMain.has(cameraId);
  const run = (action: () => void) => () => {
    action();
    onClose();
  };
  // Keys stay in the menu (the wall's own keys would act behind it); Enter and Space press the item.
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const focused = items.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (event.key === 'Escape') onClose();
    else if (step !== 0) items[(focused + step + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={menu}
      className="tile-menu"
      role="menu"
      aria-label={t('tile.menu')}
      data-testid="tile-menu"
      style={placed ?? { left: at.x, top: at.y, visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" data-testid="menu-maximize" onClick={run(() => wall.toggleMaximize(at.index))}>
        {maximized === at.index ? t('tile.restore') : t('tile.maximize')}
      </button>
      {/* Only the other stream is offered: a tile already on the main stream is not offered it again. */}
      {(pinned || at.profile === 'sub') && (
        <button type="button" role="menuitem" data-testid="menu-main" onClick={run(() => wall.pinMain(cameraId, !pinned))}>
          {pinned ? t('tile.unpinMain') : t('tile.pinMain')}
        </button>
      )}
      <BudgetMenuItems cameraId={cameraId} run={run} />
      <button type="button" role="menuitem" data-testid="menu-locate" onClick={run(() => tree.locate(cameraId))}>
        {t('tile.locate')}
      </button>
      {/* A camera this console may not show (not listed) gives no evidence either. */}
      {camera && (
        <>
          <PlaybackMenuItem index={at.index} run={run} />
          <button type="button" role="menuitem" data-testid="menu-snapshot" onClick={run(() => evidence.request('snapshot', evidenceTarget(camera)))}>
            {t('evidence.snapshot')}
          </button>
          <button type="button" role="menuitem" data-testid="menu-clip" disabled={recording?.clipId === null} onClick={run(() => evidence.request('clip', evidenceTarget(camera)))}>
            {recording ? t('evidence.clipStop') : t('evidence.clipStart')}
          </button>
        </>
      )}
      <button type="button" role="menuitem" data-testid="menu-close" onClick={run(() => wall.clear(at.index))}>
        {t('tile.close')}
      </button>
    </div>
  );
}

const evidenceTarget = (camera: CameraView) => ({ id: camera.id, name: camera.name, household: camera.ownerKind === 'household' });
