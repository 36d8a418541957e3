import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useCameraState, useIsAdmin, useStores } from '../../state/hooks';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { FailureText } from '../../ui/FailureText';
import { ConsentNote, HouseholdBadge, WithheldMark } from '../../ui/HouseholdBadge';
import { RecordingMark } from '../../ui/RecordingMark';
import { StatusDot } from '../../ui/StatusDot';
import { useStateLabel } from '../../ui/useStateLabel';
import { viaRelay } from '../../ui/reasons';
import { startCamerasDrag } from '../../ui/wallDrag';

/**
 * One camera in the tree: click puts it in the selected tile, drag puts it in any tile. A camera
 * this console may not show now (`withheld`, sent to admins only, e.g. consent expired) is listed
 * greyed with the reason, so an admin can find it and renew the consent; it goes on no tile.
 */
export function CameraItem({ camera, highlighted }: { camera: CameraView; highlighted: boolean }) {
  const { t } = useTranslation();
  const { wall, cameras } = useStores();
  const state = useCameraState(camera.id);
  const label = useStateLabel();
  const admin = useIsAdmin();
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<Failure | null>(null);
  const withheld = camera.withheld ?? null;

  const remove = async () => {
    const result = await cameras.remove(camera.id);
    if (!result.ok) setRemoveError(result);
    setConfirming(false);
  };

  return (
    <li className="camera" role="treeitem" aria-selected={highlighted} data-highlighted={highlighted || undefined}>
      <div className="camera-row">
        <button
          type="button"
          className="camera-pick"
          data-testid="camera-item"
          data-camera-id={camera.id}
          data-state={state}
          data-withheld={withheld ?? undefined}
          aria-disabled={withheld ? true : undefined}
          draggable={!withheld}
          onDragStart={(event) => (withheld ? event.preventDefault() : startCamerasDrag(event, [camera.id]))}
          onClick={() => {
            if (!withheld) wall.assignToSelected(camera.id);
          }}
          title={withheld ? t(`refusal.${withheld}`) : camera.mainUrl}
        >
          {withheld ? <WithheldMark /> : <StatusDot state={state ?? 'idle'} />}
          <span className="camera-name">{camera.name}</span>
          <HouseholdBadge camera={camera} />
          <RecordingMark cameraId={camera.id} />
          <span className="camera-state" data-testid={withheld ? 'camera-withheld' : undefined}>
            {withheld ? t(`refusal.${withheld}`) : label({ state: state ?? 'idle', attempt: 0 }, viaRelay(camera))}
          </span>
        </button>
        {admin && (
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
        )}
      </div>
      {camera.passwordSet && <p className="camera-meta">{t('cameras.passwordSet')}</p>}
      <ConsentNote camera={camera} />
      {confirming && admin && (
        <ConfirmBar
          question={t('cameras.removeConfirm', { name: camera.name })}
          confirmLabel={t('cameras.removeYes')}
          confirmTestId="camera-remove-confirm"
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {removeError && (
        <p className="form-error" role="alert">
          <FailureText lead={t('cameras.removeFailed')} failure={removeError} />
        </p>
      )}
    </li>
  );
}
