import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceLocation } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

/**
 * "打开文件夹": the desktop app opens the file manager at the file. A console in a browser cannot,
 * so it says so and shows the path, with a button to copy it.
 */
export function RevealButton({ file }: { file: string }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [location, setLocation] = useState<EvidenceLocation | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [copied, setCopied] = useState(false);

  const reveal = async () => {
    const result = await api.invoke('evidence.reveal', { file });
    setLocation(result.ok ? result.value : null);
    setFailure(failureOf(result));
  };
  const copy = async () => {
    if (!location) return;
    setCopied(await navigator.clipboard.writeText(location.path).then(() => true, () => false));
  };

  return (
    <>
      <button type="button" data-testid="evidence-reveal" onClick={() => void reveal()}>
        {t('evidence.reveal')}
      </button>
      {failure && <FailureText lead={t('evidence.revealFailed')} failure={failure} />}
      {location?.opened && <span className="form-ok">{t('evidence.revealed')}</span>}
      {location && !location.opened && (
        <span className="evidence-path" data-testid="evidence-path">
          <span className="form-hint">{t('evidence.revealHeadless')}</span>
          <code data-testid="evidence-path-text">{location.path}</code>
          <button type="button" data-testid="evidence-path-copy" onClick={() => void copy()}>
            {copied ? t('evidence.pathCopied') : t('evidence.copyPath')}
          </button>
        </span>
      )}
    </>
  );
}
