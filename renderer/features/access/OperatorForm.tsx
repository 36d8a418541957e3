import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorInput, OperatorView } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { newPinProblem } from './pin';
import { PinInput } from './PinInput';

interface Props {
  /** The operator to edit, or null to add one. */
  operator: OperatorView | null;
  /** The unit a new operator starts with (the console's own). */
  defaultUnit: string;
  onSaved(operator: OperatorView): void;
  onCancel(): void;
}

/** Adds or edits one operator: name, badge, unit, admin or not, disabled; a PIN to add, or to reset theirs. */
export function OperatorForm({ operator, defaultUnit, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [name, setName] = useState(operator?.name ?? '');
  const [badge, setBadge] = useState(operator?.badge ?? '');
  const [unit, setUnit] = useState(operator?.unit ?? defaultUnit);
  const [admin, setAdmin] = useState(operator?.admin ?? false);
  const [disabled, setDisabled] = useState(operator?.disabled ?? false);
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  // Editing, an empty PIN keeps theirs; adding, one is needed.
  const pinProblem = operator && pin === '' && pinAgain === '' ? null : newPinProblem(pin, pinAgain);
  const problem = name.trim() === '' ? 'name' : badge.trim() === '' ? 'badge' : pinProblem;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    const input: OperatorInput = { ...(operator ? { id: operator.id } : {}), name: name.trim(), badge: badge.trim(), unit: unit.trim(), admin, disabled, ...(pin ? { pin } : {}) };
    setBusy(true);
    const result = await api.invoke('operators.save', input);
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setFailure(result);
  };

  return (
    <form className="operator-form" data-testid="operator-form" onSubmit={(event) => void submit(event)}>
      <h4>{operator ? t('people.editTitle', { name: operator.name }) : t('people.addTitle')}</h4>
      <div className="form-pair">
        <Field label={t('people.name')}>
          <input type="text" data-testid="operator-name" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('people.badge')}>
          <input type="text" data-testid="operator-badge" maxLength={20} value={badge} onChange={(e) => setBadge(e.target.value)} />
        </Field>
        <Field label={t('people.unit')}>
          <input type="text" data-testid="operator-unit" maxLength={60} value={unit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
      </div>
      <label className="form-check">
        <input type="checkbox" data-testid="operator-admin" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> {t('people.admin')}
      </label>
      {operator && (
        <label className="form-check">
          <input type="checkbox" data-testid="operator-disabled" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> {t('people.disabled')}
        </label>
      )}
      <div className="form-pair">
        <PinInput label={operator ? t('people.resetPin') : t('people.pin')} value={pin} onChange={setPin} testId="operator-pin" />
        <PinInput label={t('access.newPinAgain')} value={pinAgain} onChange={setPinAgain} testId="operator-pin-again" />
      </div>
      {tried && problem && (
        <p className="form-error" role="alert" data-testid="operator-problem">
          {problem === 'name' || problem === 'badge' ? t('people.missing', { field: t(`people.${problem}`) }) : t(`access.pinEntry.${problem}`)}
        </p>
      )}
      <FormFooter failure={failure} failedLead={t('people.saveFailed')} submit={{ label: t('people.save'), testId: 'operator-save', disabled: busy }} onCancel={onCancel} />
    </form>
  );
}
