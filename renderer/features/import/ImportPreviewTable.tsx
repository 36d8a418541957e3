import { useTranslation } from 'react-i18next';
import type { ImportRowView, ProbeReport } from '../../../preload/api';
import { DataTable } from '../../ui/DataTable';
import { useProblemSentence } from '../../ui/FailureText';
import { useProbeWords } from '../../ui/useStateLabel';

/** Every row of the spreadsheet with its verdict: OK, or each thing wrong with it in a sentence. */
export function ImportPreviewTable({ rows, probes }: { rows: ImportRowView[]; probes: ReadonlyMap<number, ProbeReport | 'running'> }) {
  const { t } = useTranslation();
  const sentence = useProblemSentence();
  const probeWords = useProbeWords();
  return (
    <div className="import-table-wrap">
      <DataTable
        className="import-table"
        testId="import-preview"
        columns={[t('import.col.line'), t('import.col.name'), t('import.col.village'), t('import.col.mainUrl'), t('import.col.status'), t('import.col.probe')]}
      >
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
                {probe === 'running' ? '…' : probe ? probeWords(probe.outcome, false) : ''}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
