import { useTranslation } from 'react-i18next';
import { useIsAdmin, usePresetsView } from '../../state/hooks';
import { AdminHint } from '../../ui/AdminHint';
import { FailureText } from '../../ui/FailureText';
import { slotOf } from '../../state/presetSlots';
import { PresetItem } from './PresetItem';
import './presets.css';
import { SavePresetForm } from './SavePresetForm';

export function PresetsPanel() {
  const { t } = useTranslation();
  const { presets: all, error } = usePresetsView();
  const admin = useIsAdmin();
  // Tours have their own tab: a tour is not a preset, and takes an Alt number only when given one.
  const presets = all?.filter((preset) => preset.tour === null) ?? null;

  return (
    <section className="presets-panel" aria-labelledby="presets-title">
      {admin ? <SavePresetForm /> : <AdminHint what={t('presets.saveTitle')} />}
      <h3 id="presets-title" className="side-heading">
        {t('presets.listTitle')}
      </h3>
      {error && (
        <p className="form-error" role="alert">
          <FailureText lead={t('presets.loadFailed')} failure={error} />
        </p>
      )}
      {presets === null && !error && <p className="panel-note">{t('presets.loading')}</p>}
      {presets?.length === 0 && <p className="panel-note">{t('presets.empty')}</p>}
      {presets && presets.length > 0 && (
        <ul className="preset-list">
          {presets.map((preset) => (
            <PresetItem key={preset.id} preset={preset} number={slotOf(all ?? [], preset.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
