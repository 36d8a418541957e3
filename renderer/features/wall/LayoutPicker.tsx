import { useTranslation } from 'react-i18next';
import { NAMED_LAYOUTS } from '../../../preload/layouts';
import { useStores, useWallView } from '../../state/hooks';
import { useLayoutName } from '../../ui/useLayoutName';
import { LayoutIcon } from './LayoutIcon';
import './controls.css';

/** Every named layout, each drawn from its data; the one on the wall is pressed. */
export function LayoutPicker() {
  const { t } = useTranslation();
  const layoutName = useLayoutName();
  const { wall: store } = useStores();
  const { phase, wall } = useWallView();

  return (
    <div className="layout-picker" role="group" aria-label={t('layout.label')}>
      {NAMED_LAYOUTS.map((layout) => (
        <button
          key={layout.id}
          type="button"
          className="layout-button"
          data-testid={`grid-${layout.id}`}
          aria-label={layoutName(layout)}
          title={layoutName(layout)}
          aria-pressed={phase === 'ready' && wall.layout.id === layout.id}
          disabled={phase !== 'ready'}
          onClick={() => store.setLayout(layout)}
        >
          <LayoutIcon layout={layout} />
          <span className="layout-count">{layout.id}</span>
        </button>
      ))}
    </div>
  );
}
