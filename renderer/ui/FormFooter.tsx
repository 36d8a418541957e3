import type { Failure } from '../state/failure';
import { FailureText } from './FailureText';

/** The end of a form saved on its own: why it failed or that it was saved, then its Save button. */
export function FormFooter({ failure, failedLead, saved, savedText, saveLabel, saveTestId }: { failure: Failure | null; failedLead: string; saved: boolean; savedText: string; saveLabel: string; saveTestId: string }) {
  return (
    <>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={failedLead} failure={failure} />
        </p>
      )}
      {saved && <p className="form-ok" role="status">{savedText}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid={saveTestId}>
          {saveLabel}
        </button>
      </div>
    </>
  );
}
