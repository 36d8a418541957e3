import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Response } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

/** "核验": the file, its SHA-256 and its manifest's signature, said as "完好" or what is wrong, then each check in words. */
export function VerifyButton({ file }: { file: string }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [verdict, setVerdict] = useState<Response<'evidence.verify'> | 'running' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const verify = async () => {
    setVerdict('running');
    const result = await api.invoke('evidence.verify', { file });
    setVerdict(result.ok ? result.value : null);
    setFailure(failureOf(result));
  };

  if (verdict === null || verdict === 'running') {
    return (
      <>
        <button type="button" data-testid="evidence-verify" disabled={verdict === 'running'} onClick={() => void verify()}>
          {t('evidence.verify')}
        </button>
        {failure && <FailureText lead={t('evidence.verifyFailed')} failure={failure} />}
      </>
    );
  }
  return (
    <>
      <span className={verdict.ok ? 'form-ok' : 'form-error'} data-testid="evidence-verdict" data-ok={verdict.ok} data-problem={verdict.problem ?? ''}>
        {verdict.ok ? t('evidence.intact') : t(`evidence.damaged.${verdict.problem ?? 'hash_mismatch'}`)}
      </span>
      <CheckList checks={verdict.checks} signedBy={verdict.signedBy} />
    </>
  );
}

/** What was checked, in words: the file, its hash, and the manifest's signature with its key. */
function CheckList({ checks, signedBy }: Pick<Response<'evidence.verify'>, 'checks' | 'signedBy'>) {
  const { t } = useTranslation();
  const passed = { media: checks.media === 'present', hash: checks.hash === 'matches', signature: checks.signature === 'valid' };
  return (
    <ul className="evidence-checks" data-testid="evidence-checks">
      <li data-check="media" data-result={checks.media} data-passed={passed.media}>
        {t(`evidence.check.media.${checks.media}`)}
      </li>
      <li data-check="hash" data-result={checks.hash} data-passed={passed.hash}>
        {t(`evidence.check.hash.${checks.hash}`)}
      </li>
      <li data-check="signature" data-result={checks.signature} data-passed={passed.signature}>
        {t(`evidence.check.signature.${checks.signature}`, { key: signedBy ?? '' })}
      </li>
    </ul>
  );
}
