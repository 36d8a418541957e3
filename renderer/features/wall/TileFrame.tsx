import { useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../../state/hooks';
import { droppedCameraId, isCameraDrag } from '../../ui/cameraDrag';
import type { Tone } from '../../ui/streamTone';

interface Props {
  index: number;
  cameraId: string | null;
  selected: boolean;
  /** A StreamState, "empty", or "error" when the tile's content crashed. */
  state: string;
  tone?: Tone;
  children: ReactNode;
}

/** The box of one tile: selection by click or keyboard, and the drop target for a dragged camera. */
export function TileFrame({ index, cameraId, selected, state, tone, children }: Props) {
  const { t } = useTranslation();
  const { wall } = useStores();
  const [dropping, setDropping] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!isCameraDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    const dropped = droppedCameraId(event);
    if (dropped === null) return;
    event.preventDefault();
    wall.assign(index, dropped);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      wall.select(index);
    } else if (event.key === 'Delete' && cameraId !== null) {
      wall.clear(index);
    }
  };

  return (
    <div
      className="tile"
      data-testid="tile"
      data-index={index}
      data-camera-id={cameraId ?? undefined}
      data-state={state}
      data-tone={tone}
      data-selected={selected || undefined}
      data-dropping={dropping || undefined}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={t('wall.tileLabel', { number: index + 1 })}
      onClick={() => wall.select(index)}
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}
