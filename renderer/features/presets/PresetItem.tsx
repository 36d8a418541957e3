import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useCamerasView, useIsAdmin, useStores, useWallView } from '../../state/hooks';
import { wallShows } from '../../state/presetSlots';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { FailureText } from '../../ui/FailureText';
import { useLayoutName } from '../../ui/useLayoutName';

/** One saved wall: its shortcut (Alt+1…9), owner, layout, whether the wall shows it now; load it, or delete it after a confirmation. */
export function PresetItem({ preset, number }: { preset: Preset; number: number | null }) {
  const { t } = useTranslation();
  const { presets, wall, tour } = useStores();
  const { sites } = useCamerasView();
  const onWall = wallShows(useWallView().wall, preset);
  const layoutName = useLayoutName();
  const admin = useIsAdmin();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const owner = sites.find((s) => s.id === preset.siteId)?.name;
  const count = preset.wall.tiles.filter((id) => id !== null).length;

  const remove = async () => {
    const result = await presets.remove(preset.id);
    setFailure(result.ok ? null : result);
    setConfirming(false);
  };

  return (
    <li className="preset" data-testid="preset-item" data-preset-id={preset.id} data-on-wall={onWall} aria-current={onWall ? 'true' : undefined}>
      <div className="preset-row">
        {number !== null && <kbd className="preset-key">{t('presets.shortcut', { number })}</kbd>}
        <span className="preset-name">{preset.name}</span>
        {onWall && (
          <span className="preset-badge preset-on-wall" data-testid="preset-on-wall">
            {t('presets.onWall')}
          </span>
        )}
        <button
          type="button"
          data-testid="preset-load"
          onClick={() => {
            tour.touch();
            wall.replace(preset.wall);
          }}
        >
          {t('presets.load')}
        </button>
        {admin && (
          <button type="button" className="quiet" data-testid="preset-remove" onClick={() => setConfirming(true)}>
            {t('presets.remove')}
          </button>
        )}
      </div>
      <p className="preset-meta">
        {owner && `${owner} · `}
        {t('presets.tiles', { layout: layoutName(preset.wall.layout), count })}
      </p>
      {confirming && admin && (
        <ConfirmBar
          question={t('presets.removeConfirm', { name: preset.name })}
          confirmLabel={t('presets.removeYes')}
          confirmTestId="preset-remove-confirm"
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('presets.removeFailed')} failure={failure} />
        </p>
      )}
    </li>
  );
}
