import { memo, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, Refusal } from '../../../preload/api';
import { canDecodeHevc } from '../../lib/hevc';
import { useStores } from '../../state/hooks';
import { useBudgetSettings, type ProbedVideo } from '../budget';
import { FailureText } from '../../ui/FailureText';
import type { PlaybackProblem } from './livePlayback';
import { SwitchingPlayback } from './switchingPlayback';

interface PlayerReport {
  /** The profile of the picture in front. */
  onShown(profile: Profile): void;
  onFrozen(since: number | null): void;
  onCaughtUp(): void;
  onPicture(shown: boolean): void;
  /** Why this console may not show the camera now, or null again once it may. */
  onWithheld(refusal: Refusal | null): void;
  /** The camera no longer exists. */
  onGone(): void;
}

interface Props extends PlayerReport {
  cameraId: string;
  profile: Profile;
  /** False while the tile is off screen or under a maximized tile: no player runs then. */
  active: boolean;
  /** Whether the camera list has it: a refused player asks again when it comes back. */
  listed: boolean;
  /** Keyframes only (decode budget level 2): switched on the open stream. */
  keyframes?: boolean;
  /** A still picture from the player's own decoder (level 3): keyframes, one decoded now and then. */
  still?: boolean;
  /** Set to a getter of what the decode budget's meter reads of the player in front. */
  frontVideo?: MutableRefObject<(() => ProbedVideo | null) | null>;
}

/** One camera in a tile. Keyed by camera: another camera gets a new player. */
export const Player = memo(function Player({ cameraId, profile, active, listed, keyframes = false, still = false, frontVideo, onShown, onFrozen, onCaughtUp, onPicture, onWithheld, onGone }: Props) {
  const { api } = useStores();
  const first = useRef<HTMLVideoElement>(null);
  const second = useRef<HTMLVideoElement>(null);
  const playback = useRef<SwitchingPlayback | null>(null);
  const [problem, setProblem] = useState<PlaybackProblem | null>(null);
  const { player, known } = useBudgetSettings();

  useEffect(() => {
    const [a, b] = [first.current, second.current];
    if (!a || !b) return;
    for (const video of [a, b]) {
      // React sets `muted` as a property only; `defaultMuted` also writes the attribute autoplay checks.
      video.defaultMuted = true;
      video.muted = true;
    }
    const switching = new SwitchingPlayback(api, [a, b], {
      onProblem: (next) => {
        // A refusal is the tile's to explain (not an engine failure), and a camera that is gone leaves.
        setProblem(next?.kind === 'withheld' || next?.kind === 'gone' ? null : next);
        onWithheld(next?.kind === 'withheld' ? next.refusal : null);
        if (next?.kind === 'gone') onGone();
      },
      onFrozen,
      onCaughtUp,
      onPicture,
      onFront: onShown,
    });
    playback.current = switching;
    if (frontVideo) frontVideo.current = () => switching.frontProbe();
    return () => {
      switching.stop();
      playback.current = null;
      if (frontVideo) frontVideo.current = null;
    };
  }, [api, cameraId, frontVideo, onShown, onFrozen, onCaughtUp, onPicture, onWithheld, onGone]);

  // Runs after the effect above, and again whenever it rebuilt the playback (same dependencies).
  useEffect(() => {
    // Not before the console's player choice is known: a tile opens once, with the right engine.
    playback.current?.show(active && known ? { cameraId, profile, hevc: canDecodeHevc(), keyframes, still, player } : null);
  }, [api, cameraId, profile, active, known, keyframes, still, player, frontVideo, onShown, onFrozen, onCaughtUp, onPicture, onWithheld, onGone]);

  useEffect(() => {
    if (listed) playback.current?.retry();
  }, [listed]);

  // Which video is in front (data-front, data-testid) is set by SwitchingPlayback, not by React.
  const video = (index: 0 | 1) => (
    <video
      ref={index === 0 ? first : second}
      muted
      autoPlay
      playsInline
      disablePictureInPicture
    />
  );

  return (
    <div className="player">
      {video(0)}
      {video(1)}
      {problem && <ProblemNotice problem={problem} />}
    </div>
  );
});

function ProblemNotice({ problem }: { problem: PlaybackProblem }) {
  const { t } = useTranslation();
  return (
    <p className="player-problem" data-testid="player-problem">
      {problem.kind === 'mse_unsupported' && t('player.mseUnsupported')}
      {problem.kind === 'open_failed' && <FailureText lead={t('player.openFailed')} failure={problem.failure} />}
      {problem.kind === 'media_error' && <span title={problem.detail}>{t('player.mediaError')}</span>}
    </p>
  );
}
