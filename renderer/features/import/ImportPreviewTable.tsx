import { useTranslation } from 'react-i18next';
import type { ImportRowView, ProbeReport } from '../../../preload/api';
import { useProblemSentence } from '../../ui/FailureText';

/** Every row of the spreadsheet with its verdict: OK, or each thing wrong with it in a sentence. */
export function ImportPreviewTable({ rows, probes }: { rows: ImportRowView[]; probes: ReadonlyMap<number, ProbeReport | 'running'> }) {
  const { t } = useTranslation();
  const sentence = useProblemSentence();
  return (
    <div className="import-table-wrap">
      <table className="import-table" data-testid="import-preview">
        <thead>
          <tr>
            <th>{t('import.col.line')}</th>
            <th>{t('import.col.name')}</th>
            <th>{t('import.col.village')}</th>
            <th>{t('import.col.mainUrl')}</th>
            <th>{t('import.col.status')}</th>
            <th>{t('import.col.probe')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ok = row.problems.length === 0;
            const probe = probes.get(row.line);
            return (
              <tr key={row.line} data-testid="import-row" data-line={row.line} data-ok={ok}>
                <td>{row.line}</td>
                <td>{row.name}</td>
                <td>{row.village}</td>
                <td className="import-url" title={row.passwordSet ? `${row.mainUrl} · ${t('import.passwordSet')}` : row.mainUrl}>
                  {row.mainUrl}
                </td>
                <td className={ok ? 'form-ok' : 'form-error'} data-testid="import-row-status">
                  {ok
                    ? t('import.ok')
                    : row.problems.map((problem) => (
                        <span key={problem} className="import-problem" title={problem}>
                          {t('import.rowProblem', { line: row.line, sentence: sentence(problem) ?? problem })}
                        </span>
                      ))}
                </td>
                <td data-testid="import-row-probe" data-outcome={probe === 'running' ? 'running' : probe?.outcome}>
                  {probe === 'running' ? '…' : probe ? t(`settings.probe.outcome.${probe.outcome}`) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
