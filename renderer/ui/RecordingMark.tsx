import { useTranslation } from 'react-i18next';
import type { RecordingBlock } from '../../preload/api';
import { useCamera, useRecordingMark, useStreamStatus } from '../state/hooks';
import type { CameraRecording } from '../state/recordingMarksStore';
import { viaRelay } from './reasons';
import { useStateLabel } from './useStateLabel';
import './recordingMark.css';

/**
 * The console's recorder on a tile or a tree row: 录像 while it records the camera, and when it
 * should but cannot, why — in the words the tile uses for the same cause (its stream's state, the
 * access refusal, the disk). Shown on every tile and row of the camera, not only where it plays.
 */
export function RecordingMark({ cameraId }: { cameraId: string }) {
  const { t } = useTranslation();
  const mark = useRecordingMark(cameraId);
  if (!mark) return null;
  if (mark.recording) {
    return (
      <span className="recording-mark" data-testid="recording-mark" title={t('recording.markTitle', { profile: t(`tile.${mark.profile}`) })}>
        {t('recording.mark')}
      </span>
    );
  }
  return <Blocked cameraId={cameraId} mark={mark} />;
}

function Blocked({ cameraId, mark }: { cameraId: string; mark: CameraRecording }) {
  const { t } = useTranslation();
  const why = useBlockWords(cameraId, mark);
  return (
    <span className="recording-mark recording-blocked" data-testid="recording-blocked" data-blocked={mark.blocked?.kind}>
      {t('recording.notRecording', { why })}
    </span>
  );
}

/** The tile's own words for the cause: a stream reason is read from the stream's status, as the tile reads it. */
function useBlockWords(cameraId: string, { profile, blocked }: { profile: CameraRecording['profile']; blocked: RecordingBlock | null }): string {
  const { t } = useTranslation();
  const status = useStreamStatus(cameraId, profile);
  const camera = useCamera(cameraId);
  const label = useStateLabel();
  switch (blocked?.kind) {
    case 'problem':
      return t(`recordingProblem.${blocked.problem}`);
    case 'refusal':
      return t(`refusal.${blocked.refusal}`);
    case 'codec':
      return t('recording.codec');
    default:
      return label({ state: status?.state ?? 'offline', attempt: status?.attempt ?? 0 }, viaRelay(camera));
  }
}
