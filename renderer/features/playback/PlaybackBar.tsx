import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCamerasView } from '../../state/hooks';
import { useNow } from '../../ui/useNow';
import { activeLevel, nextActive } from './activity';
import { speedLabel } from './clock';
import { ExportRange } from './ExportRange';
import { Timeline, type TimelineRowData } from './Timeline';
import { fromLocalInput, toLocalInput } from './timeInput';
import { windowAround, zoomStep, type Window } from './timelineScale';
import { usePlaybackKeys } from './usePlaybackKeys';
import { usePlaybackPosition, usePlaybackStore, usePlaybackView } from './usePlayback';
import { useEvidenceMarks, useRecordingLists } from './useRecordings';

/** The timeline starts at an hour wide. */
const FIRST_SPAN = 3_600_000;
/** Skip quiet looks this often whether the clock is in a quiet span. */
const SKIP_CHECK_MS = 500;
/** A jump shorter than this is not worth the seek. */
const SKIP_MIN_MS = 2000;

/** Under the wall while it plays back: the clock's controls, the timelines, and export. */
export function PlaybackBar() {
  const { t } = useTranslation();
  const store = usePlaybackStore();
  const view = usePlaybackView();
  const position = usePlaybackPosition();
  const { cameras } = useCamerasView();
  const [span, setSpan] = useState(FIRST_SPAN);
  const [center, setCenter] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [badTime, setBadTime] = useState(false);
  const now = useNow(1000);
  usePlaybackKeys(view.clock !== null);

  // The window follows the clock: recentred when the cursor nears an edge.
  const middle = center ?? position ?? now;
  const window: Window = windowAround(middle, span);
  useEffect(() => {
    if (position === null) return setCenter(null);
    const edge = span * 0.1;
    if (center === null || position < center - span / 2 + edge || position > center + span / 2 - edge) setCenter(position);
  }, [position, center, span]);

  const cameraIds = useMemo(() => [...new Set([...view.tiles.values()].map((tile) => tile.cameraId))], [view.tiles]);
  const { lists, failures } = useRecordingLists(cameraIds, window);
  const evidence = useEvidenceMarks();
  const rows = useMemo<TimelineRowData[]>(() => {
    const nameOf = (id: string) => cameras?.find((c) => c.id === id)?.name ?? id;
    const perCamera = cameraIds.map((id) => ({
      key: id,
      label: nameOf(id),
      lists: lists.has(id) ? [lists.get(id)!] : [],
      evidence: evidence.filter((e) => e.cameraId === id),
      failure: failures.get(id) ?? null,
    }));
    const wall = { key: 'wall', label: t('playback.wallRow'), lists: [...lists.values()], evidence: evidence.filter((e) => cameraIds.includes(e.cameraId)), failure: null };
    return cameraIds.length > 1 ? [wall, ...perCamera] : perCamera;
  }, [cameraIds, lists, failures, evidence, cameras, t]);

  // 跳过无活动: while playing forward, a quiet span (or a gap) is jumped to the next activity of any camera.
  useEffect(() => {
    if (!view.skipQuiet || !view.clock || view.clock.paused || view.clock.direction < 0) return;
    const timer = setInterval(() => {
      const pos = store.positionNow();
      if (pos === null) return;
      const next = [...lists.values()]
        .map((list) => {
          const level = activeLevel(list.segments);
          return level === null ? null : nextActive(list.segments, pos, level);
        })
        .filter((ms): ms is number => ms !== null);
      const target = next.length ? Math.min(...next) : null;
      if (target !== null && target - pos > SKIP_MIN_MS) store.seek(target);
    }, SKIP_CHECK_MS);
    return () => clearInterval(timer);
  }, [view.skipQuiet, view.clock, lists, store]);

  const clock = store.focusedClock();
  if (!view.clock || !clock) return null;
  const jump = () => {
    const ms = fromLocalInput(typed);
    setBadTime(ms === null);
    if (ms !== null) {
      store.seek(ms);
      setCenter(ms);
    }
  };
  return (
    <section className="playback-bar" data-testid="playback-bar" aria-label={t('playback.bar')}>
      <div className="playback-controls">
        <button type="button" className="primary" data-testid="playback-live" onClick={() => store.toLive()}>
          {t('playback.backToLive')}
        </button>
        <button type="button" data-testid="playback-step-back" title="←" onClick={() => store.stepFrame(-1)}>
          {t('playback.stepBack')}
        </button>
        <button type="button" data-testid="playback-reverse" aria-pressed={clock.direction < 0 && !clock.paused} onClick={() => store.setDirection(-1)}>
          {t('playback.reverse')}
        </button>
        <button type="button" data-testid="playback-pause" title={t('playback.spaceKey')} onClick={() => (clock.direction < 0 ? store.setDirection(1) : store.togglePause())}>
          {clock.paused || clock.direction < 0 ? t('playback.play') : t('playback.pause')}
        </button>
        <button type="button" data-testid="playback-step-forward" title="→" onClick={() => store.stepFrame(1)}>
          {t('playback.stepForward')}
        </button>
        <button type="button" data-testid="playback-slower" title="[" onClick={() => store.stepSpeed(-1)}>
          −
        </button>
        <span className="playback-speed" data-testid="playback-speed">
          {clock.direction < 0 ? '−' : ''}
          {speedLabel(clock.speed)}
        </span>
        <button type="button" data-testid="playback-faster" title="]" onClick={() => store.stepSpeed(1)}>
          +
        </button>
        <label className="playback-skip">
          <input type="checkbox" data-testid="playback-skip-quiet" checked={view.skipQuiet} onChange={(e) => store.setSkipQuiet(e.target.checked)} />
          {t('playback.skipQuiet')}
        </label>
        <form
          className="playback-jump"
          onSubmit={(event) => {
            event.preventDefault();
            jump();
          }}
        >
          <input
            type="datetime-local"
            step={1}
            data-testid="playback-jump-input"
            aria-label={t('playback.jumpLabel')}
            aria-invalid={badTime || undefined}
            value={typed || (position !== null ? toLocalInput(position) : '')}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit" data-testid="playback-jump">
            {t('playback.jump')}
          </button>
          {badTime && <span className="form-error">{t('playback.badTime')}</span>}
        </form>
        <span className="playback-zoom">
          <button type="button" data-testid="playback-zoom-in" title={t('playback.zoomIn')} onClick={() => setSpan((s) => zoomStep(s, -1))}>
            ＋
          </button>
          <button type="button" data-testid="playback-zoom-out" title={t('playback.zoomOut')} onClick={() => setSpan((s) => zoomStep(s, 1))}>
            －
          </button>
        </span>
        <ExportRange cameraIds={cameraIds} selection={view.selection} />
      </div>
      <Timeline
        window={window}
        rows={rows}
        position={position}
        selection={view.selection}
        now={now}
        onSeek={(ms) => store.seek(Math.min(ms, Date.now()))}
        onSelect={(from, to) => store.select(from, to)}
        onZoom={(step, at) => {
          setSpan((s) => zoomStep(s, step));
          setCenter(at);
        }}
      />
    </section>
  );
}
