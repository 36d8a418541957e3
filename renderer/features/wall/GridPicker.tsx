import { useTranslation } from 'react-i18next';
import { useStores, useWallView } from '../../state/hooks';
import { GRID_CHOICES } from '../../state/wallLayout';

export function GridPicker() {
  const { t } = useTranslation();
  const { wall: store } = useStores();
  const { phase, wall } = useWallView();

  return (
    <div className="grid-picker" role="group" aria-label={t('grid.label')}>
      {GRID_CHOICES.map((grid) => (
        <button
          key={grid}
          type="button"
          data-testid={`grid-${grid}`}
          aria-pressed={phase === 'ready' && wall.grid === grid}
          disabled={phase !== 'ready'}
          onClick={() => store.setGrid(grid)}
        >
          {t(`grid.${grid}`)}
        </button>
      ))}
    </div>
  );
}
