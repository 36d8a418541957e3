import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { SiteSelect } from '../../ui/SiteSelect';

/** Where an import lands: a township (or station) chosen from the tree, or a new township made here. */
export function TownshipPicker({ townships, value, onChange }: { townships: Site[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { api, cameras } = useStores();
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);

  const create = async () => {
    const result = await api.invoke('sites.save', { name, level: 'township', parentId: null });
    setFailure(failureOf(result));
    if (result.ok) {
      setName('');
      await cameras.refresh();
      onChange(result.value.id);
    }
  };

  return (
    <div className="import-township">
      {townships.length > 0 ? (
        <SiteSelect label={t('import.township')} sites={townships} value={value} onChange={onChange} testId="import-township" />
      ) : (
        <p className="panel-note">{t('import.noTownship')}</p>
      )}
      <div className="form-pair">
        <Field label={t('import.newTownship')}>
          <input data-testid="import-new-township" value={name} placeholder={t('import.newTownshipPlaceholder')} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="button" data-testid="import-create-township" disabled={name.trim() === ''} onClick={() => void create()}>
          {t('import.createTownship')}
        </button>
      </div>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('sites.failed')} failure={failure} />
        </p>
      )}
    </div>
  );
}
