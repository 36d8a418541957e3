import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { REMOTE_PROBLEMS } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useCamera, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { formatDateTime } from '../../ui/formatTime';
import { refusalOf } from '../../ui/refusals';
import { RecordedPlayer } from './recordedPlayer';
import { usePlaybackStore, usePlaybackTile, usePlaybackView } from './usePlayback';
import { useRecordedProfile } from './useRecordings';
import './playback.css';

type Problem = { kind: 'open'; failure: Failure } | { kind: 'refused'; code: string; detail?: string } | { kind: 'gap'; nextMs: number | null } | { kind: 'error'; detail: string } | { kind: 'codec'; codec: string; detail: string };

/**
 * A wall tile in playback: its own session on the recorder, a RecordedPlayer ticked by the wall's
 * clock, and a mark no one can take for live (回放 and the recorded time on screen).
 */
export function PlaybackTileView({ index, cameraId, hidden }: { index: number; cameraId: string; hidden: boolean }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const store = usePlaybackStore();
  const tile = usePlaybackTile(index);
  const camera = useCamera(cameraId);
  const profile = useRecordedProfile(cameraId);
  const video = useRef<HTMLVideoElement>(null);
  const [shownSecond, setShownSecond] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** The recording is shown converted to H.264 (this PC cannot decode its H.265): said on the tile. */
  const [converted, setConverted] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (hidden || !element || profile === null) return;
    element.defaultMuted = true;
    element.muted = true;
    let player: RecordedPlayer | null = null;
    let unregister: (() => void) | null = null;
    let sessionId: string | null = null;
    let ended = false;
    const at = Math.floor(store.positionNow() ?? Date.now());
    void api.invoke('playback.open', { cameraId, profile, at }).then((result) => {
      if (!result.ok) return void (ended || setProblem({ kind: 'open', failure: result }));
      sessionId = result.value.sessionId;
      if (ended) return void api.invoke('playback.close', { sessionId });
      setProblem(null);
      player = new RecordedPlayer(element, result.value.url, {
        onPicture: (ms) => setShownSecond(Math.floor(ms / 1000)),
        onGap: (gap) => setProblem(gap ? { kind: 'gap', nextMs: gap.nextMs } : null),
        onRefused: (code, detail) => setProblem({ kind: 'refused', code, ...(detail ? { detail } : {}) }),
        onError: (detail, codec) => setProblem(detail ? (codec ? { kind: 'codec', codec, detail } : { kind: 'error', detail }) : null),
        onConverted: () => setConverted(true),
      });
      unregister = store.register(index, player);
    });
    return () => {
      ended = true;
      setConverted(false);
      unregister?.();
      player?.destroy();
      if (sessionId) void api.invoke('playback.close', { sessionId });
    };
  }, [api, store, index, cameraId, profile, hidden]);

  const free = tile?.own != null;
  const focused = usePlaybackView().focus === index;
  return (
    // A click makes this the tile the bar and the keys act on: a freed tile is moved on its own.
    <div className="player playback-player" data-testid="playback-tile" data-free={free || undefined} data-focused={focused || undefined} onPointerDown={() => store.focus(index)}>
      <video ref={video} data-testid="tile-video" data-player="recorded" muted autoPlay playsInline disablePictureInPicture />
      <div className="playback-mark" data-testid="playback-mark">
        <strong>{t('playback.mark')}</strong>
        <span className="playback-mark-time" data-testid="playback-time">
          {shownSecond !== null ? formatDateTime(shownSecond * 1000) : t('playback.loading')}
        </span>
        <span className="tile-name">{camera?.name ?? ''}</span>
        {converted && (
          <span className="playback-converted" data-testid="playback-converted" title={t('playback.convertedTitle')}>
            {t('playback.converted')}
          </span>
        )}
        <button
          type="button"
          className="playback-free"
          data-testid="playback-free"
          aria-pressed={free}
          title={t(free ? 'playback.followTitle' : 'playback.freeTitle')}
          onClick={(event) => {
            event.stopPropagation();
            store.setFree(index, !free);
            if (!free) store.focus(index);
          }}
        >
          {t(free ? 'playback.follow' : 'playback.free')}
        </button>
      </div>
      {problem && <ProblemLine problem={problem} />}
    </div>
  );
}

function ProblemLine({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const text = (() => {
    if (problem.kind === 'open') {
      const refusal = refusalOf(problem.failure);
      return refusal ? t(`refusal.${refusal}`) : <FailureText lead={t('playback.openFailed')} failure={problem.failure} />;
    }
    if (problem.kind === 'refused') {
      // Another recorder's failure, in the words of what it said (its token, its consent, its scope…), detail a click away.
      if ((REMOTE_PROBLEMS as readonly string[]).includes(problem.code)) {
        return <FailureText lead={t('playback.remoteFailed')} failure={{ code: 'unavailable', message: `remote:${problem.code}`, ...(problem.detail ? { detail: problem.detail } : {}) }} />;
      }
      return t(`playback.refused.${problem.code}`, { defaultValue: t('playback.refused.forbidden') });
    }
    if (problem.kind === 'gap') return problem.nextMs !== null ? t('playback.gapUntil', { time: formatDateTime(problem.nextMs) }) : t('playback.gapEnd');
    if (problem.kind === 'codec') return <span title={problem.detail}>{t('playback.codecUnsupported', { codec: problem.codec })}</span>;
    return <span title={problem.detail}>{t('playback.error')}</span>;
  })();
  return (
    <p className="player-problem" data-testid="playback-problem">
      {text}
    </p>
  );
}

