import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { FormFooter } from '../../ui/FormFooter';
import { newPinProblem } from './pin';
import { PinInput } from './PinInput';

/** Ends set-up: from now on the console is an operator's, and the admin tools need this PIN. */
export function SetPinDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { access } = useStores();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = newPinProblem(first, second);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    setBusy(true);
    const result = await access.setPin(first);
    setBusy(false);
    if (result.ok) onClose();
    else setFailure(result);
  };

  return (
    <Dialog title={t('access.setPinTitle')} testId="set-pin-dialog" onClose={onClose}>
      <form className="pin-form" onSubmit={(event) => void submit(event)}>
        <p className="panel-note">{t('access.setPinIntro')}</p>
        <PinInput label={t('access.newPin')} value={first} onChange={setFirst} testId="set-pin-first" autoFocus />
        <PinInput label={t('access.newPinAgain')} value={second} onChange={setSecond} testId="set-pin-second" />
        {tried && problem && (
          <p className="form-error" role="alert" data-testid="set-pin-problem">
            {t(`access.pinEntry.${problem}`)}
          </p>
        )}
        <FormFooter failure={failure} failedLead={t('access.setPinFailed')} submit={{ label: t('access.setPin'), testId: 'set-pin-submit', disabled: busy }} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
