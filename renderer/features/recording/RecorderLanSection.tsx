import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecorderLanView } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';

/**
 * Settings → 录像 → 局域网读取 (admin): opens this console's recorder API (/list, /get) to other
 * consoles on the LAN, on an address and port chosen here, with its own token. The token is
 * shown once, in the answer that made it, with a copy button; main never sends it again.
 */
export function RecorderLanSection() {
  const { t } = useTranslation();
  const { api } = useStores();
  const [view, setView] = useState<RecorderLanView | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9996');
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const show = (next: RecorderLanView) => {
    setView(next);
    setEnabled(next.enabled);
    setHost(next.host);
    setPort(String(next.port));
    if (next.newToken) {
      setToken(next.newToken);
      setCopied(false);
    }
  };
  useEffect(() => {
    void api.invoke('recorderLan.get').then((result) => (result.ok ? show(result.value) : setFailure(failureOf(result))));
  }, [api]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.invoke('recorderLan.set', { enabled, host: host.trim(), port: Number(port) });
    setFailure(failureOf(result));
    if (result.ok) show(result.value);
  };
  const rotate = async () => {
    const result = await api.invoke('recorderLan.rotateToken');
    setFailure(failureOf(result));
    if (result.ok) show(result.value);
  };
  const copy = async () => setCopied(await navigator.clipboard.writeText(token ?? '').then(() => true, () => false));

  if (!view) return failure ? <FormFooter failure={failure} failedLead={t('recorderLan.failed')} submit={{ label: t('recorderLan.save'), testId: 'recorder-lan-save', disabled: true }} /> : null;
  return (
    <form className="side-form settings-form" data-testid="recorder-lan" onSubmit={(event) => void submit(event)}>
      <h3>{t('recorderLan.title')}</h3>
      <p className="form-hint">{t('recorderLan.intro')}</p>
      <label className="form-check">
        <input type="checkbox" name="recorderLanEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('recorderLan.enabled')}
      </label>
      <Field label={t('recorderLan.host')}>
        <input name="recorderLanHost" list="recorder-lan-addresses" value={host} spellCheck={false} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
      </Field>
      <datalist id="recorder-lan-addresses">
        {view.addresses.map((address) => (
          <option key={address} value={address} />
        ))}
        <option value="0.0.0.0">{t('recorderLan.everyNetwork')}</option>
      </datalist>
      <p className="form-hint">{t('recorderLan.hostHint')}</p>
      <Field label={t('recorderLan.port')}>
        <input name="recorderLanPort" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
      </Field>
      <p className="panel-note" data-testid="recorder-lan-state" role="status">
        {view.listening ? t('recorderLan.listening', { address: `${view.listening.host}:${view.listening.port}` }) : view.problem ? t(`recorderLan.problem.${view.problem}`) : t('recorderLan.closed')}
      </p>
      {token && (
        <p className="panel-note" data-testid="recorder-lan-token">
          {t('recorderLan.tokenOnce')} <code>{token}</code>{' '}
          <button type="button" onClick={() => void copy()}>
            {copied ? t('recorderLan.copied') : t('recorderLan.copy')}
          </button>
        </p>
      )}
      <FormFooter failure={failure} failedLead={t('recorderLan.failed')} submit={{ label: t('recorderLan.save'), testId: 'recorder-lan-save' }}>
        {view.tokenSet && (
          <button type="button" data-testid="recorder-lan-rotate" onClick={() => void rotate()}>
            {t('recorderLan.rotate')}
          </button>
        )}
      </FormFooter>
    </form>
  );
}
