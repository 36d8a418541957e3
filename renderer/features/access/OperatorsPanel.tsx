import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_NAME_STYLES, type OperatorView, type ReportNameStyle } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useAccessState, useStores } from '../../state/hooks';
import { DataTable } from '../../ui/DataTable';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { OperatorForm } from './OperatorForm';

/**
 * 人员: the officers who unlock this console in their own name, so the records say who; and
 * how the household report names them (the bureau's choice, applied in main).
 */
export function OperatorsPanel() {
  const { t } = useTranslation();
  const { api } = useStores();
  const scope = useAccessState()?.scope?.name ?? '';
  const [operators, setOperators] = useState<OperatorView[] | null>(null);
  const [reportNames, setReportNames] = useState<ReportNameStyle>('masked');
  const [editing, setEditing] = useState<OperatorView | 'new' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const load = async () => {
    const result = await api.invoke('operators.list');
    if (result.ok) {
      setOperators(result.value.operators);
      setReportNames(result.value.reportNames);
    }
    setFailure(failureOf(result));
  };
  useEffect(() => {
    void load();
  }, []);

  const chooseReportNames = async (style: ReportNameStyle) => {
    const result = await api.invoke('operators.setReportNames', { reportNames: style });
    if (result.ok) setReportNames(result.value);
    setFailure(failureOf(result));
  };

  return (
    <section className="operators-panel" data-testid="operators-panel">
      <h3 className="side-heading">{t('people.title')}</h3>
      <p className="panel-note">{t('people.intro')}</p>
      {operators && operators.length === 0 && <p className="panel-note">{t('people.none')}</p>}
      {operators && operators.length > 0 && (
        <DataTable testId="operators-table" columns={[t('people.name'), t('people.badge'), t('people.unit'), t('people.role'), '']}>
          {operators.map((operator) => (
            <tr key={operator.id} data-testid="operator-row" data-operator-id={operator.id} data-disabled={operator.disabled}>
              <td>{operator.name}</td>
              <td>{operator.badge}</td>
              <td>{operator.unit}</td>
              <td>
                {t(`access.role.${operator.admin ? 'admin' : 'operator'}`)}
                {operator.disabled ? ` · ${t('people.disabledMark')}` : ''}
              </td>
              <td>
                <button type="button" data-testid="operator-edit" onClick={() => setEditing(operator)}>
                  {t('people.edit')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {editing === null ? (
        <button type="button" className="primary" data-testid="operator-add" onClick={() => setEditing('new')}>
          {t('people.add')}
        </button>
      ) : (
        <OperatorForm
          key={editing === 'new' ? 'new' : editing.id}
          operator={editing === 'new' ? null : editing}
          defaultUnit={scope}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <Field label={t('people.reportNames')}>
        <select data-testid="report-names" value={reportNames} onChange={(e) => void chooseReportNames(e.target.value as ReportNameStyle)}>
          {REPORT_NAME_STYLES.map((style) => (
            <option key={style} value={style}>
              {t(`people.reportName.${style}`)}
            </option>
          ))}
        </select>
      </Field>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('people.loadFailed')} failure={failure} />
        </p>
      )}
    </section>
  );
}
