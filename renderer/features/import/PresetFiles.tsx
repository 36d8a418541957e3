import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, type Failure } from '../../state/failure';
import { usePresetsView, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { saveTextFile } from '../../lib/files';
import { PresetImport } from './PresetImport';

/** Preset files between consoles: export here (never a password), import there. */
export function PresetFiles() {
  const { t } = useTranslation();
  const { api } = useStores();
  const { presets } = usePresetsView();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<{ presets: number; cameras: number } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const exportChosen = async () => {
    const result = await api.invoke('presets.export', { presetIds: [...chosen] });
    setFailure(failureOf(result));
    if (!result.ok) return;
    saveTextFile(result.value.fileName, result.value.json, 'application/json');
    setDone({ presets: chosen.size, cameras: result.value.cameras });
  };

  return (
    <section className="preset-files" data-testid="preset-files">
      <h3 className="side-heading">{t('import.presets.exportTitle')}</h3>
      <p className="panel-note">{t('import.presets.exportIntro')}</p>
      {presets?.length === 0 && <p className="panel-note">{t('import.presets.none')}</p>}
      <ul className="preset-choices">
        {(presets ?? []).map((preset) => (
          <li key={preset.id}>
            <label className="form-check">
              <input type="checkbox" data-testid="preset-export-choice" checked={chosen.has(preset.id)} onChange={() => toggle(preset.id)} />
              {preset.name}
            </label>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="preset-export" disabled={chosen.size === 0} onClick={() => void exportChosen()}>
          {t('import.presets.export')}
        </button>
      </div>
      {done && <p className="form-ok">{t('import.presets.exported', { presets: t('counted.presets', { count: done.presets }), cameras: t('counted.cameras', { count: done.cameras }) })}</p>}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('import.presets.exportFailed')} failure={failure} />
        </p>
      )}
      <PresetImport />
    </section>
  );
}
