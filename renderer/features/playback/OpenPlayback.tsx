import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable, useStores, useWallView } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { fromLocalInput, toLocalInput } from './timeInput';
import { usePlaybackStore, usePlaybackView } from './usePlayback';
import { loadRecordingState } from './useRecordings';

/** The chooser offers this long ago first: most questions are about a moment just past. */
const DEFAULT_BACK_MS = 5 * 60_000;

/** The top bar's 回放 (the whole wall at a chosen time), or 返回直播 while the wall plays back. */
export function PlaybackButton() {
  const { t } = useTranslation();
  const store = usePlaybackStore();
  const { clock } = usePlaybackView();
  return (
    <>
      {clock ? (
        <button type="button" className="playback-live-button" data-testid="playback-live-top" onClick={() => store.toLive()}>
          {t('playback.backToLive')}
        </button>
      ) : (
        <button type="button" data-testid="playback-open" title={t('playback.openTitle')} onClick={() => store.asking.set({ tile: null })}>
          {t('playback.open')}
        </button>
      )}
      <TimeChooser />
    </>
  );
}

/** For the tile menu: 回放 of this tile at a chosen time. */
export function PlaybackMenuItem({ index, run }: { index: number; run: (action: () => void) => () => void }) {
  const { t } = useTranslation();
  const store = usePlaybackStore();
  return (
    <button type="button" role="menuitem" data-testid="menu-playback" onClick={run(() => store.asking.set({ tile: index }))}>
      {t('playback.openTile')}
    </button>
  );
}

function TimeChooser() {
  const store = usePlaybackStore();
  const asking = useObservable(store.asking);
  return asking ? <ChooserDialog key={String(asking.tile)} tile={asking.tile} /> : null;
}

function ChooserDialog({ tile }: { tile: number | null }) {
  const { t } = useTranslation();
  const store = usePlaybackStore();
  const { wall } = useWallView();
  const { api } = useStores();
  // While the officer types the time: the tiles that open next know their recorded profile already.
  useEffect(() => void loadRecordingState(api), [api]);
  const [value, setValue] = useState(() => toLocalInput(Date.now() - DEFAULT_BACK_MS));
  const [bad, setBad] = useState(false);
  const close = () => store.asking.set(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = fromLocalInput(value);
    if (at === null || at > Date.now()) return setBad(true);
    const cameraId = tile === null ? null : (wall.tiles[tile] ?? null);
    if (tile === null) store.openWall(at, wall.tiles);
    else if (cameraId !== null) store.openTile(tile, cameraId, at);
    close();
  };
  return (
    <Dialog title={tile === null ? t('playback.chooseWall') : t('playback.chooseTile')} testId="playback-chooser" onClose={close}>
      <form className="pin-form" onSubmit={submit}>
        <Field label={t('playback.chooseTime')}>
          <input type="datetime-local" step={1} data-autofocus data-testid="playback-chooser-time" value={value} aria-invalid={bad || undefined} onChange={(e) => setValue(e.target.value)} />
        </Field>
        {bad && <p className="form-error">{t('playback.badTime')}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="playback-chooser-go">
            {t('playback.open')}
          </button>
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
