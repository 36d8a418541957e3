import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAYBACK_SOURCE_KINDS, type PlaybackSourceInput, type PlaybackSourceKind, type Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { KindSelect, NO_TOKEN_TYPED, SealedTokenField, tokenToSend, type SealedToken } from './ServerFields';
import { nearestPlaybackSource } from './siteOptions';

const DEFAULT_PATH: Record<PlaybackSourceKind, string> = { console: '{cameraId}/{profile}', mediamtx: '{stream}' };

type Tested = { ok: true; path: string; spans: number } | { ok: false; failure: Failure };

/**
 * A site's recordings source (`sites.setPlayback`): this console's recorder, another console's on
 * the LAN, or a MediaMTX playback server. The token never comes back from main: the field starts
 * empty, and empty keeps the stored token unless "clear" is ticked. 测试连接 asks the source's
 * /list with the form as it stands.
 */
export function PlaybackSourceEditor({ site, sites }: { site: Site; sites: readonly Site[] }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [kind, setKind] = useState<PlaybackSourceKind | ''>(site.playback?.kind ?? '');
  const [url, setUrl] = useState(site.playback?.url ?? '');
  const [pathTemplate, setPathTemplate] = useState(site.playback?.pathTemplate ?? '');
  const [token, setToken] = useState<SealedToken>(NO_TOKEN_TYPED);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const [tested, setTested] = useState<Tested | 'testing' | null>(null);
  const inherited = site.playback ? null : nearestPlaybackSource(sites, site.parentId);

  const input = (): PlaybackSourceInput | null =>
    kind === '' ? null : { kind, url, pathTemplate: pathTemplate.trim() || DEFAULT_PATH[kind], token: tokenToSend(token) };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await api.invoke('sites.setPlayback', { siteId: site.id, source: input() });
    setFailure(failureOf(result));
    setSaved(result.ok);
    if (result.ok) setToken(NO_TOKEN_TYPED);
  };
  const test = async () => {
    const source = input();
    if (!source) return;
    setTested('testing');
    const result = await api.invoke('sites.testPlayback', { siteId: site.id, source });
    setTested(result.ok ? { ok: true, path: result.value.path, spans: result.value.spans } : { ok: false, failure: failureOf(result)! });
  };

  return (
    <form className="side-form settings-form" data-testid="playback-source-editor" onSubmit={(event) => void submit(event)}>
      <h3>{t('playbackSource.title')}</h3>
      <p className="form-hint">{t('playbackSource.intro')}</p>
      {inherited?.playback && (
        <p className="panel-note" data-testid="playback-source-inherited">
          {t('playbackSource.inherits', { name: inherited.name })}
        </p>
      )}
      <KindSelect label={t('playbackSource.kind')} name="playbackSourceKind" kinds={PLAYBACK_SOURCE_KINDS} value={kind} none={t('playbackSource.local')} words={(k) => t(`playbackSource.${k}`)} onChange={setKind} />
      {kind !== '' && (
        <>
          <Field label={t('playbackSource.url')}>
            <input name="playbackSourceUrl" value={url} spellCheck={false} autoComplete="off" placeholder="http://192.168.1.20:9996" onChange={(e) => setUrl(e.target.value)} />
          </Field>
          <p className="form-hint">{t('playbackSource.urlHint')}</p>
          <Field label={t('playbackSource.pathTemplate')}>
            <input name="playbackSourcePath" value={pathTemplate} spellCheck={false} autoComplete="off" placeholder={DEFAULT_PATH[kind]} onChange={(e) => setPathTemplate(e.target.value)} />
          </Field>
          <p className="form-hint">{t('playbackSource.pathHint')}</p>
          <SealedTokenField
            catalogue="playbackSource"
            name="playbackSourceToken"
            clearName="clearPlaybackToken"
            stored={site.playback?.tokenSet ?? false}
            hint={t('playbackSource.tokenHint')}
            value={token}
            onChange={setToken}
          />
          {tested && (
            <p className={tested !== 'testing' && !tested.ok ? 'form-error' : 'panel-note'} role="status" data-testid="playback-source-tested">
              {tested === 'testing' ? (
                t('playbackSource.testing')
              ) : tested.ok ? (
                tested.spans > 0 ? t('playbackSource.testOk', { path: tested.path, count: tested.spans }) : t('playbackSource.testOkNone', { path: tested.path })
              ) : (
                <FailureText lead={t('playbackSource.testFailed')} failure={tested.failure} />
              )}
            </p>
          )}
        </>
      )}
      <FormFooter failure={failure} failedLead={t('playbackSource.failed')} savedText={saved ? t('playbackSource.saved') : null} submit={{ label: t('playbackSource.save'), testId: 'playback-source-save' }}>
        {kind !== '' && (
          <button type="button" data-testid="playback-source-test" disabled={tested === 'testing'} onClick={() => void test()}>
            {t('playbackSource.test')}
          </button>
        )}
      </FormFooter>
    </form>
  );
}
