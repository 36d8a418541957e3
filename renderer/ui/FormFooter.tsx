import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../state/failure';
import { FailureText } from './FailureText';

interface Props {
  /** Why the last submit failed, in words (FailureText), or nothing. */
  failure: Failure | null;
  failedLead?: string;
  errorTestId?: string;
  /** "Saved", for a form that stays open after saving. */
  savedText?: string | null;
  submit: { label: string; testId: string; disabled?: boolean };
  /** A Cancel button after the submit button. */
  onCancel?: () => void;
  /** Further buttons between submit and Cancel. */
  children?: ReactNode;
}

/** The end of every form: why it failed or that it was saved, then submit, more buttons, Cancel. */
export function FormFooter({ failure, failedLead = '', errorTestId, savedText = null, submit, onCancel, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {failure && (
        <p className="form-error" role="alert" data-testid={errorTestId}>
          <FailureText lead={failedLead} failure={failure} />
        </p>
      )}
      {savedText && (
        <p className="form-ok" role="status">
          {savedText}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid={submit.testId} disabled={submit.disabled}>
          {submit.label}
        </button>
        {children}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
