import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../preload/api';
import { useProblemSentence } from '../../ui/FailureText';

/** What an import did: cameras added, villages made, and every row left out with why. */
export function ImportResultView({ result, onAgain }: { result: ImportResult; onAgain: () => void }) {
  const { t } = useTranslation();
  const sentence = useProblemSentence();
  return (
    <div className="import-result" data-testid="import-result" role="status">
      <p className="form-ok">
        {t('import.done', { count: result.imported })}{' '}
        {result.villagesCreated.length > 0 && t('import.villagesCreated', { count: result.villagesCreated.length, names: result.villagesCreated.join('、') })}
      </p>
      {result.skipped.length > 0 && (
        <>
          <p>{t('import.skipped', { count: result.skipped.length })}</p>
          <ul className="import-skipped">
            {result.skipped.map(({ line, problems }) => (
              <li key={line}>{problems.map((p) => t('import.rowProblem', { line, sentence: sentence(p) ?? p })).join(' ')}</li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onAgain}>
        {t('import.again')}
      </button>
    </div>
  );
}
