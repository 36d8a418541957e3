import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Response } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

const CHAIN_PROBLEMS = ['hash', 'link', 'sequence', 'unreadable', 'missing'] as const;
type ChainProblem = (typeof CHAIN_PROBLEMS)[number];
const known = (problem: string | null): problem is ChainProblem => (CHAIN_PROBLEMS as readonly (string | null)[]).includes(problem);

/** "核验记录完整性": each record carries the hash of the one before; says in words whether the chain is whole. */
export function ChainCheck() {
  const { t } = useTranslation();
  const { api } = useStores();
  const [check, setCheck] = useState<Response<'audit.verify'> | 'running' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const verify = async () => {
    setCheck('running');
    const result = await api.invoke('audit.verify');
    setCheck(result.ok ? result.value : null);
    setFailure(failureOf(result));
  };

  return (
    <>
      <button type="button" data-testid="audit-verify" disabled={check === 'running'} onClick={() => void verify()}>
        {check === 'running' ? t('audit.verifying') : t('audit.verify')}
      </button>
      {check && check !== 'running' && (
        <p className={check.ok ? 'form-ok' : 'form-error'} role="status" data-testid="audit-verdict" data-ok={check.ok}>
          {check.ok
            ? t('audit.chainOk', { count: check.records ?? 0 })
            : t('audit.chainBroken', { file: check.file ?? '', line: check.line ?? 0, problem: known(check.problem) ? t(`audit.chainProblem.${check.problem}`) : (check.problem ?? '') })}
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('audit.verifyFailed')} failure={failure} />
        </p>
      )}
    </>
  );
}
