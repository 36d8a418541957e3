import { useTranslation } from 'react-i18next';
import { useRecording } from '../../state/hooks';
import { formatElapsed } from '../../ui/formatTime';
import { useNow } from '../../ui/useNow';

/** A red REC with the time recorded so far, and how much of the clip is from before the click. */
export function RecIndicator({ cameraId }: { cameraId: string }) {
  const recording = useRecording(cameraId);
  if (!recording) return null;
  return <Running startedAt={recording.startedAt} preRollSeconds={recording.preRollSeconds} starting={recording.clipId === null} />;
}

function Running({ startedAt, preRollSeconds, starting }: { startedAt: number; preRollSeconds: number; starting: boolean }) {
  const { t } = useTranslation();
  const elapsed = Math.max(0, Math.floor((useNow() - startedAt) / 1000));
  return (
    <span className="tile-rec" data-testid="tile-rec" title={t('evidence.recordingHint')}>
      <span className="tile-rec-dot" aria-hidden="true" />
      {starting ? t('evidence.recStarting') : t('evidence.rec', { time: formatElapsed(elapsed) })}
      {preRollSeconds > 0 && <span className="tile-rec-pre" data-testid="tile-rec-preroll">{t('evidence.preRoll', { seconds: preRollSeconds })}</span>}
    </span>
  );
}
