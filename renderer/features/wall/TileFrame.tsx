import { useState, type DragEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../preload/api';
import { useStores } from '../../state/hooks';
import type { Tone } from '../../ui/streamTone';
import { dropEffectOf, isWallDrag, readWallDrop, startTileDrag } from '../../ui/wallDrag';

/** Where a tile sits on the wall and how it is shown. */
export interface TilePlace {
  index: number;
  /** CSS grid-area from the layout. */
  area: string;
  selected: boolean;
  maximized: boolean;
  /** Under a maximized tile: not shown, no player running. */
  hidden: boolean;
  /** `profile`: the stream the tile shows now, so the menu offers only the other one. */
  onMenu(index: number, x: number, y: number, profile: Profile | undefined): void;
}

interface Props extends TilePlace {
  cameraId: string | null;
  /** A StreamState, "empty", or "error" when the tile's content crashed. */
  state: string;
  tone?: Tone;
  profile?: Profile;
  frameRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}

/**
 * The box of one tile: select (click, focus), maximize (double-click), drop a camera or a village
 * on it, drag it onto another tile to swap, right-click for its menu.
 */
export function TileFrame({ index, area, selected, maximized, hidden, onMenu, cameraId, state, tone, profile, frameRef, children }: Props) {
  const { t } = useTranslation();
  const { wall } = useStores();
  const [dropping, setDropping] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!isWallDrag(event)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = dropEffectOf(event);
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    const drop = readWallDrop(event);
    if (drop === null) return;
    event.preventDefault();
    event.stopPropagation();
    if (drop.kind === 'tile') wall.swap(drop.index, index);
    else if (drop.cameraIds.length === 1) wall.assign(index, drop.cameraIds[0]!);
    else wall.fill(index, drop.cameraIds);
  };

  return (
    <div
      ref={frameRef}
      className="tile"
      style={{ gridArea: maximized ? '1 / 1 / -1 / -1' : area }}
      hidden={hidden}
      data-testid="tile"
      data-index={index}
      data-camera-id={cameraId ?? undefined}
      data-state={state}
      data-tone={tone}
      data-profile={profile}
      data-selected={selected || undefined}
      data-maximized={maximized || undefined}
      data-dropping={dropping || undefined}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={t('wall.tileLabel', { number: index + 1 })}
      title={maximized ? t('wall.maximizedHint') : undefined}
      draggable={cameraId !== null}
      onClick={() => wall.select(index)}
      onFocus={(event) => event.target === event.currentTarget && wall.select(index)}
      onDoubleClick={() => wall.toggleMaximize(index)}
      onContextMenu={(event) => {
        if (cameraId === null) return;
        event.preventDefault();
        wall.select(index);
        onMenu(index, event.clientX, event.clientY, profile);
      }}
      onDragStart={(event) => startTileDrag(event, index)}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}
