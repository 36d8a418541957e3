import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { LivePlayback, type PlaybackProblem } from './livePlayback';

/** One <video> playing one camera's main stream. Keyed by camera: a new camera gets a new player. */
export const Player = memo(function Player({ cameraId }: { cameraId: string }) {
  const { api } = useStores();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<PlaybackProblem | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // React sets `muted` as a property only; `defaultMuted` also writes the attribute autoplay checks.
    video.defaultMuted = true;
    video.muted = true;
    const playback = new LivePlayback(api, cameraId, video, setProblem);
    playback.start();
    return () => playback.stop();
  }, [api, cameraId]);

  return (
    <div className="player">
      <video ref={videoRef} data-testid="tile-video" muted autoPlay playsInline disablePictureInPicture />
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
