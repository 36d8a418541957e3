import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../state/failure';
import { useAccessState, useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { useProblemSentence } from '../../ui/FailureText';
import { formatClock } from '../../ui/formatTime';
import { useNow } from '../../ui/useNow';
import { PinInput } from './PinInput';

/** The choice that means "no name: the console's admin PIN" (the fallback). */
const CONSOLE_PIN = '';

/**
 * A person unlocks the console in their own name (choose the name or type the badge, then their
 * PIN), so the records say who; the console's admin PIN stays as the fallback. The session ends
 * at 锁定 or after the auto-lock minutes without activity.
 */
export function UnlockDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { access } = useStores();
  const state = useAccessState();
  const sentence = useProblemSentence();
  const now = useNow();
  const operators = state?.operators ?? [];
  const [chosen, setChosen] = useState(operators[0]?.id ?? CONSOLE_PIN);
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const lockedUntil = state?.lockedUntil != null && state.lockedUntil > now ? state.lockedUntil : null;
  // A typed badge wins over the list: an officer need not scroll for their name.
  const person = badge.trim() !== '' ? badge.trim() : chosen === CONSOLE_PIN ? undefined : chosen;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await access.unlock(pin, person);
    setBusy(false);
    if (result.ok) return onClose();
    setFailure(result);
    setPin('');
  };

  return (
    <Dialog title={t(operators.length > 0 ? 'access.personUnlockTitle' : 'access.unlockTitle')} testId="unlock-dialog" onClose={onClose}>
      <form className="pin-form" onSubmit={(event) => void submit(event)}>
        <p className="panel-note">{t(operators.length > 0 ? 'access.personUnlockIntro' : 'access.unlockIntro')}</p>
        {operators.length > 0 && (
          <div className="form-pair">
            <Field label={t('access.who')}>
              <select data-testid="unlock-person" value={chosen} disabled={badge.trim() !== ''} onChange={(event) => setChosen(event.target.value)}>
                {operators.map((operator) => (
                  <option key={operator.id} value={operator.id}>
                    {operator.name}
                  </option>
                ))}
                <option value={CONSOLE_PIN}>{t('access.consolePinChoice')}</option>
              </select>
            </Field>
            <Field label={t('access.orBadge')}>
              <input type="text" data-testid="unlock-badge" autoComplete="off" maxLength={20} value={badge} onChange={(event) => setBadge(event.target.value)} />
            </Field>
          </div>
        )}
        <PinInput label={t(person === undefined ? 'access.pin' : 'access.personPin')} value={pin} onChange={setPin} testId="unlock-pin" disabled={lockedUntil !== null} autoFocus />
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
