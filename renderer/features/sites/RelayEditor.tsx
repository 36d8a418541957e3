import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELAY_KINDS, type RelayKindName, type Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { nearestRelay } from './siteOptions';

/**
 * A site's media server (relay), saved on its own (`sites.setRelay`). The token never comes back
 * from main: the field starts empty, and empty keeps the stored token unless "clear" is ticked.
 */
export function RelayEditor({ site, sites }: { site: Site; sites: readonly Site[] }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [kind, setKind] = useState<RelayKindName | ''>(site.relay?.kind ?? '');
  const [template, setTemplate] = useState(site.relay?.template ?? '');
  const [host, setHost] = useState(site.relay?.host ?? '');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const inherited = site.relay ? null : nearestRelay(sites, site.parentId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const relay = kind === '' ? null : { kind, template, host, token: token !== '' ? token : clearToken ? null : undefined };
    const result = await api.invoke('sites.setRelay', { siteId: site.id, relay });
    setFailure(failureOf(result));
    setSaved(result.ok);
    if (result.ok) {
      setToken('');
      setClearToken(false);
    }
  };

  return (
    <form className="side-form settings-form" data-testid="relay-editor" onSubmit={(event) => void submit(event)}>
      <h3>{t('relay.title')}</h3>
      <p className="form-hint">{t('relay.intro')}</p>
      {inherited?.relay && (
        <p className="panel-note" data-testid="relay-inherited">
          {t('relay.inherits', { name: inherited.name, kind: inherited.relay.kind })}
        </p>
      )}
      <Field label={t('relay.kind')}>
        <select name="relayKind" value={kind} onChange={(e) => setKind(e.target.value as RelayKindName | '')}>
          <option value="">{t('relay.none')}</option>
          {RELAY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`relay.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {kind !== '' && (
        <>
          <Field label={t('relay.template')}>
            <input name="relayTemplate" value={template} spellCheck={false} autoComplete="off" placeholder="ws://{host}/live/{stream}.flv" onChange={(e) => setTemplate(e.target.value)} />
          </Field>
          <p className="form-hint">{t('relay.templateHint')}</p>
          <Field label={t('relay.host')}>
            <input name="relayHost" value={host} spellCheck={false} autoComplete="off" placeholder={t('relay.hostHint')} onChange={(e) => setHost(e.target.value)} />
          </Field>
          <Field label={t('relay.token')}>
            <input
              name="relayToken"
              type="password"
              value={token}
              autoComplete="new-password"
              placeholder={site.relay?.tokenSet ? t('relay.tokenKeep') : t('relay.tokenNone')}
              onChange={(e) => setToken(e.target.value)}
            />
          </Field>
          {site.relay?.tokenSet && (
            <label className="form-check">
              <input type="checkbox" name="clearRelayToken" checked={clearToken} disabled={token !== ''} onChange={(e) => setClearToken(e.target.checked)} />
              {t('relay.clearToken')}
            </label>
          )}
        </>
      )}
      <FormFooter failure={failure} failedLead={t('relay.failed')} savedText={saved ? t('relay.saved') : null} submit={{ label: t('relay.save'), testId: 'relay-save' }} />
    </form>
  );
}
