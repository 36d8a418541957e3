import { useTranslation } from 'react-i18next';
import { useIsAdmin, usePresetsView } from '../../state/hooks';
import { AdminHint } from '../../ui/AdminHint';
import { FailureText } from '../../ui/FailureText';
import { PresetItem } from './PresetItem';
import './presets.css';
import { SavePresetForm } from './SavePresetForm';

export function PresetsPanel() {
  const { t } = useTranslation();
  const { presets, error } = usePresetsView();
  const admin = useIsAdmin();

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
          {presets.map((preset, i) => (
            <PresetItem key={preset.id} preset={preset} number={i + 1} />
          ))}
        </ul>
      )}
    </section>
  );
}
