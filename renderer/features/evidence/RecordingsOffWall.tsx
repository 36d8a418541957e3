import { useTranslation } from 'react-i18next';
import type { Recording } from '../../state/evidenceStore';
import { useCamerasView, useObservable, useStores, useWallView } from '../../state/hooks';
import { formatElapsed } from '../../ui/formatTime';
import { useNow } from '../../ui/useNow';
import './evidence.css';

/** The top bar's 录像中: clips still recording from cameras no tile shows, each with its time and a stop. */
export function RecordingsOffWall() {
  const { t } = useTranslation();
  const { evidence } = useStores();
  const recordings = useObservable(evidence.recordings);
  const { wall } = useWallView();
  const { cameras } = useCamerasView();
  const onWall = new Set(wall.tiles);
  const away = [...recordings].filter(([cameraId]) => !onWall.has(cameraId));
  if (away.length === 0) return null;
  const nameOf = (cameraId: string) => cameras?.find((c) => c.id === cameraId)?.name ?? cameraId;
  return (
    <div className="rec-away" role="status" data-testid="rec-away">
      <span className="rec-away-title">
        <span className="rec-away-dot" aria-hidden="true" />
        {t('evidence.recordingOffWall')}
      </span>
      {away.map(([cameraId, recording]) => (
        <AwayClip key={cameraId} name={nameOf(cameraId)} recording={recording} onStop={() => void evidence.stopClip(cameraId, nameOf(cameraId))} />
      ))}
    </div>
  );
}

function AwayClip({ name, recording, onStop }: { name: string; recording: Recording; onStop: () => void }) {
  const { t } = useTranslation();
  const elapsed = Math.max(0, Math.floor((useNow() - recording.startedAt) / 1000));
  return (
    <span className="rec-away-clip" data-testid="rec-away-clip">
      {name} {formatElapsed(elapsed)}
      <button type="button" className="quiet" data-testid="rec-away-stop" disabled={recording.clipId === null} onClick={onStop}>
        {t('evidence.clipStop')}
      </button>
    </span>
  );
}
