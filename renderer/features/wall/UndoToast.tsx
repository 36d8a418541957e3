import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores, useWallView } from '../../state/hooks';
import { useLayoutName } from '../../ui/useLayoutName';

/** Long enough to notice a slip and reach for the mouse; Ctrl+Z works after it has gone. */
const TOAST_MS = 8000;

/** After a layout change, a closed tile or a preset: what happened, and 撤销. */
export function UndoToast() {
  const { t } = useTranslation();
  const { wall: store } = useStores();
  const { undoable, wall } = useWallView();
  const layoutName = useLayoutName();
  const serial = undoable?.serial;
  useEffect(() => {
    if (serial === undefined) return;
    const timer = setTimeout(() => store.dismissUndo(serial), TOAST_MS);
    return () => clearTimeout(timer);
  }, [store, serial]);
  if (!undoable) return null;
  return (
    <div className="wall-undo" role="status" data-testid="wall-undo-toast" data-edit={undoable.edit}>
      <span>{t(`wall.undone.${undoable.edit}`, { name: layoutName(wall.layout) })}</span>
      <button type="button" data-testid="wall-undo" title="Ctrl+Z" onClick={() => store.undo()}>
        {t('wall.undo')}
      </button>
    </div>
  );
}
