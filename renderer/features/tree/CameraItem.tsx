import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useStores, useStreamStatus } from '../../state/hooks';
import { startCameraDrag } from '../../ui/cameraDrag';
import { FailureText } from '../../ui/FailureText';
import { StatusDot } from '../../ui/StatusDot';
import { useStateLabel } from '../../ui/useStateLabel';

/** One camera in the list: click puts it in the selected tile, drag puts it in any tile. */
export function CameraItem({ camera }: { camera: CameraView }) {
  const { t } = useTranslation();
  const { wall, cameras } = useStores();
  const status = useStreamStatus(camera.id);
  const label = useStateLabel();
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<Failure | null>(null);

  const remove = async () => {
    const result = await cameras.remove(camera.id);
    if (!result.ok) setRemoveError(result);
    setConfirming(false);
  };

  return (
    <li className="camera">
      <div className="camera-row">
        <button
          type="button"
          className="camera-pick"
          data-testid="camera-item"
          data-camera-id={camera.id}
          draggable
          onDragStart={(event) => startCameraDrag(event, camera.id)}
          onClick={() => wall.assignToSelected(camera.id)}
          title={camera.mainUrl}
        >
          {status ? <StatusDot state={status.state} /> : <span className="status-dot" data-tone="idle" />}
          <span className="camera-name">{camera.name}</span>
          {status && <span className="camera-state">{label(status)}</span>}
        </button>
        <button
          type="button"
          className="camera-remove"
          data-testid="camera-remove"
          aria-label={t('cameras.removeTitle', { name: camera.name })}
          title={t('cameras.removeTitle', { name: camera.name })}
          onClick={() => setConfirming(true)}
        >
          {t('cameras.remove')}
        </button>
      </div>
      {camera.passwordSet && <p className="camera-meta">{t('cameras.passwordSet')}</p>}
      {confirming && (
        <div className="camera-confirm" role="alertdialog" aria-label={t('cameras.removeConfirm', { name: camera.name })}>
          <span>{t('cameras.removeConfirm', { name: camera.name })}</span>
          <button type="button" className="danger" data-testid="camera-remove-confirm" onClick={() => void remove()}>
            {t('cameras.removeYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {removeError && (
        <p className="form-error" role="alert">
          <FailureText lead={t('cameras.removeFailed')} failure={removeError} />
        </p>
      )}
    </li>
  );
}
