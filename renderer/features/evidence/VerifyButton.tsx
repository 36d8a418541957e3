import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Response } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

/** "核验": the file's SHA-256 against its manifest, said as "完好" or what is wrong. */
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
    <span className={verdict.ok ? 'form-ok' : 'form-error'} data-testid="evidence-verdict" data-ok={verdict.ok}>
      {verdict.ok ? t('evidence.intact') : t(`evidence.damaged.${verdict.problem ?? 'hash_mismatch'}`)}
    </span>
  );
}
