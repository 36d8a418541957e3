import { Field } from '../../ui/Field';
import { pinDigits } from './pin';

/** A PIN field: digits only, hidden, the numeric keypad on touch screens. */
export function PinInput({ label, value, onChange, testId, disabled = false, autoFocus = false }: { label: string; value: string; onChange(value: string): void; testId: string; disabled?: boolean; autoFocus?: boolean }) {
  return (
    <Field label={label}>
      <input
        type="password"
        className="pin-input"
        data-testid={testId}
        inputMode="numeric"
        pattern="\d*"
        autoComplete="off"
        maxLength={8}
        value={value}
        disabled={disabled}
        data-autofocus={autoFocus || undefined}
        onChange={(event) => onChange(pinDigits(event.target.value))}
      />
    </Field>
  );
}
