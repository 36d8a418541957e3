import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../preload/api';
import { ConsentText } from './ConsentText';
import './household.css';

/** 户: a camera a family lets the village use (its owner's name on hover, for admins). */
export function HouseholdBadge({ camera }: { camera: Pick<CameraView, 'ownerKind' | 'owner'> }) {
  const { t } = useTranslation();
  if (camera.ownerKind !== 'household') return null;
  return (
    <span className="household-badge" data-testid="household-badge" title={camera.owner ? t('consent.ownedBy', { name: camera.owner.name }) : t('consent.householdHint')}>
      {t('consent.badge')}
    </span>
  );
}

/** "授权至 12月31日": only admins get a camera's consent, so operators see nothing here. */
export function ConsentNote({ camera }: { camera: Pick<CameraView, 'ownerKind' | 'consent'> }) {
  if (camera.ownerKind !== 'household' || camera.consent === undefined) return null;
  return (
    <span className="consent-note" data-testid="consent-note">
      <ConsentText camera={camera} />
    </span>
  );
}

/** Where a state dot would be, for a camera this console may not show now (consent, scope). */
export function WithheldMark() {
  return <span className="withheld-mark" aria-hidden="true" />;
}
