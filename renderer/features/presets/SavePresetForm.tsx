import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { OwnerSelect, useOwnerSites } from '../../ui/OwnerSelect';

/** Saves the wall as it is now (layout and cameras) as a preset of a township or station. */
export function SavePresetForm() {
  const { t } = useTranslation();
  const { presets, wall } = useStores();
  const owners = useOwnerSites();
  const [name, setName] = useState('');
  const [siteId, setSiteId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (owners.length === 0) return <p className="panel-note">{t('presets.noOwner')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    const result = await presets.save({ name, siteId, wall: wall.view.get().wall, tour: null });
    setBusy(false);
    setFailure(result.ok ? null : result);
    if (result.ok) {
      setSaved(result.value.name);
      setName('');
    }
  };

  return (
    <form className="side-form" data-testid="preset-form" onSubmit={(event) => void submit(event)}>
      <h3>{t('presets.saveTitle')}</h3>
      <Field label={t('presets.name')}>
        <input name="name" data-testid="preset-name" value={name} placeholder={t('presets.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </Field>
      <OwnerSelect value={siteId} onChange={setSiteId} label={t('presets.owner')} />
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('presets.saveFailed')} failure={failure} />
        </p>
      )}
      {saved && (
        <p className="form-ok" role="status">
          {t('presets.saved', { name: saved })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="preset-save" disabled={busy || name.trim() === ''}>
          {busy ? t('presets.saving') : t('presets.save')}
        </button>
      </div>
    </form>
  );
}
