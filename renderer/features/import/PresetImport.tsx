import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, type PresetImportPreview, type PresetImportResult } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';

type Choice = 'mine' | 'theirs';

/** A preset file from another console: its hash checked by the host, conflicts settled one by one. */
export function PresetImport() {
  const { t } = useTranslation();
  const { api } = useStores();
  const [json, setJson] = useState<string | null>(null);
  const [preview, setPreview] = useState<PresetImportPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [result, setResult] = useState<PresetImportResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const read = async (file: File) => {
    setPreview(null);
    setResult(null);
    if (file.size > MAX_IMPORT_BYTES) return setFailure({ code: 'bad_request', message: 'file:too_large' });
    const text = await file.text();
    const answer = await api.invoke('presets.importPreview', { json: text });
    setFailure(failureOf(answer));
    if (!answer.ok) return;
    setJson(text);
    setPreview(answer.value);
    setChoices(Object.fromEntries(answer.value.conflicts.map((c) => [c.cameraId, 'mine' as const])));
  };

  const apply = async () => {
    if (json === null) return;
    const answer = await api.invoke('presets.importApply', { json, choices });
    setFailure(failureOf(answer));
    if (!answer.ok) return;
    setResult(answer.value);
    setPreview(null);
  };

  return (
    <div className="preset-import">
      <h3 className="side-heading">{t('import.presets.importTitle')}</h3>
      <Field label={t('import.presets.choose')}>
        <input type="file" accept=".json,application/json" data-testid="preset-import-file" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
      </Field>
      {failure && (
        <p className="form-error" role="alert" data-testid="preset-import-error">
          <FailureText lead={t('import.presets.failed')} failure={failure} />
        </p>
      )}
      {preview && (
        <div data-testid="preset-import-preview">
          <p>{t('import.presets.previewSummary', {
              presets: t('counted.presets', { count: preview.presets.length }),
              sites: t('counted.sites', { count: preview.newSites }),
              cameras: t('counted.cameras', { count: preview.newCameras }),
            })}</p>
          <ul className="preset-choices">
            {preview.presets.map((p) => (
              <li key={p.id}>
                {p.name} {p.replaces && <span className="import-meta">{t('import.presets.replaces')}</span>}
              </li>
            ))}
          </ul>
          {preview.conflicts.length > 0 && <p>{t('import.presets.conflictsTitle')}</p>}
          {preview.conflicts.map((conflict) => (
            <fieldset key={conflict.cameraId} className="preset-conflict" data-testid="preset-conflict">
              <legend>{conflict.mine.name}</legend>
              {(['mine', 'theirs'] as const).map((side) => (
                <label key={side} className="form-check">
                  <input type="radio" name={conflict.cameraId} checked={choices[conflict.cameraId] === side} onChange={() => setChoices((c) => ({ ...c, [conflict.cameraId]: side }))} />
                  {t(`import.presets.${side}`)}: <code>{conflict[side].mainUrl}</code>
                </label>
              ))}
            </fieldset>
          ))}
          <button type="button" className="primary" data-testid="preset-import-apply" onClick={() => void apply()}>
            {t('import.presets.apply')}
          </button>
        </div>
      )}
      {result && (
        <p className="form-ok" role="status">
          {t('import.presets.applied', {
            presets: t('counted.presets', { count: result.presets }),
            sites: t('counted.sites', { count: result.sites }),
            cameras: t('counted.cameras', { count: result.cameras }),
            conflicts: t('counted.conflicts', { count: result.tookTheirs }),
          })}
        </p>
      )}
    </div>
  );
}
