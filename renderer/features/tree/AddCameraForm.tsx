import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraInput, Site } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FormFooter } from '../../ui/FormFooter';
import { Field } from '../../ui/Field';
import { SiteSelect } from '../../ui/SiteSelect';
import { ConnectionTestButton, ConnectionTestResult, useConnectionTest } from '../../ui/ConnectionTest';

const FIELDS = ['name', 'mainUrl', 'subUrl', 'username', 'password'] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string> & { siteId: string };

const EMPTY: Values = { name: '', mainUrl: '', subUrl: '', username: '', password: '', siteId: '' };

/** The host's messages start with the field they are about ("mainUrl: required"). */
const fieldOf = (message: string): string => message.split(':', 1)[0]?.trim() ?? '';

export function AddCameraForm({ sites, onDone }: { sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { cameras } = useStores();
  const [values, setValues] = useState<Values>(EMPTY);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const { probe, test } = useConnectionTest();
  // The address as typed, nothing saved: the same test the edit form runs.
  const testConnection = async () => {
    setFailure(await test({ mainUrl: values.mainUrl, username: values.username, password: values.password }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const input: CameraInput = {
      name: values.name,
      mainUrl: values.mainUrl,
      subUrl: values.subUrl,
      username: values.username,
      password: values.password,
      siteId: values.siteId === '' ? null : values.siteId,
    };
    const result = await cameras.add(input);
    setBusy(false);
    // On failure the form stays filled, so one wrong field does not mean typing everything again.
    if (result.ok) onDone();
    else setFailure(result);
  };

  const input = (field: FieldName, type = 'text', placeholder?: string) => (
    <Field label={t(`form.${field}`)}>
      <input
        name={field}
        type={type}
        value={values[field]}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        aria-invalid={failure !== null && fieldOf(failure.message) === field}
        onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
      />
    </Field>
  );

  return (
    <form className="camera-form" data-testid="camera-form" onSubmit={(event) => void submit(event)}>
      <h3>{t('form.title')}</h3>
      {input('name', 'text', t('form.namePlaceholder'))}
      {sites.length > 0 && (
        <SiteSelect label={t('form.site')} sites={sites} value={values.siteId} onChange={(siteId) => setValues((v) => ({ ...v, siteId }))} emptyLabel={t('site.ungrouped')} name="siteId" />
      )}
      {input('mainUrl', 'text', t('form.mainUrlPlaceholder'))}
      {input('subUrl')}
      {input('username')}
      {input('password', 'password')}
      <p className="form-hint">{t('form.credentialsHint')}</p>
      <ConnectionTestResult probe={probe} />
      <FormFooter
        failure={failure}
        failedLead={t('form.failed')}
        errorTestId="camera-form-error"
        submit={{ label: busy ? t('form.submitting') : t('form.submit'), testId: 'camera-form-submit', disabled: busy }}
        onCancel={onDone}
      >
        <ConnectionTestButton probe={probe} onClick={() => void testConnection()} />
      </FormFooter>
    </form>
  );
}
