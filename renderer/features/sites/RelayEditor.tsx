import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELAY_KINDS, type RelayKindName, type Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { KindSelect, NO_TOKEN_TYPED, SealedTokenField, tokenToSend, type SealedToken } from './ServerFields';
import { nearestRelay } from './siteOptions';

/** A site's media server (relay), saved on its own (`sites.setRelay`); its token sealed (ServerFields). */
export function RelayEditor({ site, sites }: { site: Site; sites: readonly Site[] }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [kind, setKind] = useState<RelayKindName | ''>(site.relay?.kind ?? '');
  const [template, setTemplate] = useState(site.relay?.template ?? '');
  const [host, setHost] = useState(site.relay?.host ?? '');
  const [token, setToken] = useState<SealedToken>(NO_TOKEN_TYPED);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const inherited = site.relay ? null : nearestRelay(sites, site.parentId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const relay = kind === '' ? null : { kind, template, host, token: tokenToSend(token) };
    const result = await api.invoke('sites.setRelay', { siteId: site.id, relay });
    setFailure(failureOf(result));
    setSaved(result.ok);
    if (result.ok) setToken(NO_TOKEN_TYPED);
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
      <KindSelect label={t('relay.kind')} name="relayKind" kinds={RELAY_KINDS} value={kind} none={t('relay.none')} words={(k) => t(`relay.${k}`)} onChange={setKind} />
      {kind !== '' && (
        <>
          <Field label={t('relay.template')}>
            <input name="relayTemplate" value={template} spellCheck={false} autoComplete="off" placeholder="ws://{host}/live/{stream}.flv" onChange={(e) => setTemplate(e.target.value)} />
          </Field>
          <p className="form-hint">{t('relay.templateHint')}</p>
          <Field label={t('relay.host')}>
            <input name="relayHost" value={host} spellCheck={false} autoComplete="off" placeholder={t('relay.hostHint')} onChange={(e) => setHost(e.target.value)} />
          </Field>
          <SealedTokenField
            catalogue="relay"
            name="relayToken"
            clearName="clearRelayToken"
            stored={site.relay?.tokenSet ?? false}
            value={token}
            onChange={setToken}
          />
        </>
      )}
      <FormFooter failure={failure} failedLead={t('relay.failed')} savedText={saved ? t('relay.saved') : null} submit={{ label: t('relay.save'), testId: 'relay-save' }} />
    </form>
  );
}
