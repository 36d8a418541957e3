import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../state/failure';
import { useAccessState, useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { FormFooter } from '../../ui/FormFooter';
import { useProblemSentence } from '../../ui/FailureText';
import { formatClock } from '../../ui/formatTime';
import { useNow } from '../../ui/useNow';
import { PinInput } from './PinInput';

/** The admin PIN, to become admin for a while (5 minutes without activity). */
export function UnlockDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { access } = useStores();
  const state = useAccessState();
  const sentence = useProblemSentence();
  const now = useNow();
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const lockedUntil = state?.lockedUntil != null && state.lockedUntil > now ? state.lockedUntil : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await access.unlock(pin);
    setBusy(false);
    if (result.ok) return onClose();
    setFailure(result);
    setPin('');
  };

  return (
    <Dialog title={t('access.unlockTitle')} testId="unlock-dialog" onClose={onClose}>
      <form className="pin-form" onSubmit={(event) => void submit(event)}>
        <p className="panel-note">{t('access.unlockIntro')}</p>
        <PinInput label={t('access.pin')} value={pin} onChange={setPin} testId="unlock-pin" disabled={lockedUntil !== null} autoFocus />
        {lockedUntil !== null ? (
          <p className="form-error" role="alert" data-testid="unlock-problem">
            {t('access.lockedUntil', { time: formatClock(lockedUntil) })}
          </p>
        ) : (
          failure && (
            <p className="form-error" role="alert" data-testid="unlock-problem">
              {sentence(failure.message) ?? t(`error.${failure.code}`)}
            </p>
          )
        )}
        <FormFooter failure={null} submit={{ label: t('access.unlock'), testId: 'unlock-submit', disabled: busy || lockedUntil !== null || pin.length < 4 }} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
