import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView, Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FormFooter } from '../../ui/FormFooter';
import { Field } from '../../ui/Field';
import { SiteSelect } from '../../ui/SiteSelect';
import { ConnectionTestButton, ConnectionTestResult, useConnectionTest } from '../../ui/ConnectionTest';
import { CameraSourceFields, sourceChanged, sourceOf } from './CameraSourceFields';
import { ConsentEditor } from './ConsentEditor';
import { siteRows } from './siteOptions';

type Text = 'name' | 'mainUrl' | 'subUrl' | 'username' | 'password' | 'tags' | 'lng' | 'lat';

/**
 * Editing a camera, moving it to another site included. The password field starts empty and
 * stays so unless the clerk types one: empty means "keep the saved password".
 */
export function CameraEditor({ camera, sites, onDone }: { camera: CameraView; sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [values, setValues] = useState<Record<Text, string>>({
    name: camera.name,
    mainUrl: camera.mainUrl,
    subUrl: camera.subUrl ?? '',
    username: camera.username ?? '',
    password: '',
    tags: (camera.tags ?? []).join(', '),
    lng: camera.location ? String(camera.location.lng) : '',
    lat: camera.location ? String(camera.location.lat) : '',
  });
  const [siteId, setSiteId] = useState(camera.siteId ?? '');
  const [source, setSource] = useState(() => sourceOf(camera));
  const [clearPassword, setClearPassword] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const { probe, test } = useConnectionTest();
  const [busy, setBusy] = useState(false);
  const set = (field: Text) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));
  const location = values.lng.trim() === '' && values.lat.trim() === '' ? null : { lng: Number(values.lng), lat: Number(values.lat) };

  const testConnection = async () => {
    setFailure(await test({ cameraId: camera.id, mainUrl: values.mainUrl, username: values.username, password: values.password }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.invoke('cameras.update', {
      id: camera.id,
      name: values.name,
      siteId: siteId === '' ? null : siteId,
      mainUrl: values.mainUrl,
      subUrl: values.subUrl,
      username: values.username,
      password: values.password,
      clearPassword: clearPassword && values.password === '',
      // Owner and consent are saved apart (ConsentEditor); this keeps the owner kind as it is.
      ownerKind: camera.ownerKind ?? 'public',
      tags: values.tags.split(/[,，、\s]+/).filter(Boolean),
      location,
    });
    let failed = failureOf(result);
    if (!failed && sourceChanged(camera, source)) {
      const stream = source.relayStream.trim();
      failed = failureOf(await api.invoke('cameras.setSource', { cameraId: camera.id, source: source.source, relayStream: stream === '' ? null : stream }));
    }
    setBusy(false);
    if (failed) setFailure(failed);
    else onDone();
  };

  const input = (field: Text, label: string, type = 'text', placeholder?: string) => (
    <Field label={label}>
      <input name={field} type={type} value={values[field]} placeholder={placeholder} spellCheck={false} autoComplete={type === 'password' ? 'new-password' : 'off'} onChange={set(field)} />
    </Field>
  );

  return (
    <>
      <form className="side-form settings-form" data-testid="camera-editor" onSubmit={(event) => void submit(event)}>
        <h3>{t('sites.cameraTitle', { name: camera.name })}</h3>
        {input('name', t('settings.field.name'))}
        <SiteSelect label={t('settings.field.site')} sites={siteRows(sites)} value={siteId} onChange={setSiteId} emptyLabel={t('site.ungrouped')} name="siteId" />
        <CameraSourceFields camera={camera} siteId={siteId} sites={sites} value={source} onChange={setSource} />
        {input('mainUrl', t('settings.field.mainUrl'))}
        {input('subUrl', t('settings.field.subUrl'))}
        {input('username', t('settings.field.username'))}
        {input('password', t('settings.field.password'), 'password', camera.passwordSet ? t('sites.passwordKeep') : t('sites.passwordNone'))}
        {camera.passwordSet && (
          <label className="form-check">
            <input type="checkbox" name="clearPassword" checked={clearPassword} disabled={values.password !== ''} onChange={(e) => setClearPassword(e.target.checked)} />
            {t('sites.clearPassword')}
          </label>
        )}
        {input('tags', t('settings.field.tags'), 'text', t('sites.tagsHint'))}
        <div className="form-pair">
          {input('lng', t('settings.field.lng'), 'number')}
          {input('lat', t('settings.field.lat'), 'number')}
        </div>
        <ConnectionTestResult probe={probe} />
        <FormFooter
          failure={failure}
          failedLead={t('sites.failed')}
          submit={{ label: busy ? t('sites.saving') : t('sites.save'), testId: 'camera-editor-submit', disabled: busy }}
          onCancel={onDone}
        >
          <ConnectionTestButton probe={probe} onClick={() => void testConnection()} />
        </FormFooter>
      </form>
      <ConsentEditor camera={camera} />
    </>
  );
}
