import { useTranslation } from 'react-i18next';
import { useWallView } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

export function WallSaveWarning() {
  const { t } = useTranslation();
  const { saveError } = useWallView();
  if (!saveError) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="wall-save-warning">
      <FailureText lead={t('wall.saveFailed')} failure={saveError} />
    </div>
  );
}
