import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A warning said once per start, in a sentence, with the technical detail one click away. */
export function NoticeBanner({ testId, kind, sentence, details, dismissLabel, onDismiss }: { testId: string; kind: string; sentence: string; details: ReactNode; dismissLabel: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="banner banner-warning" role="alert" data-testid={testId} data-kind={kind}>
      <p>
        {sentence}{' '}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('common.hideDetails') : t('common.details')}
        </button>{' '}
        <button type="button" className="link-button" onClick={onDismiss}>
          {dismissLabel}
        </button>
      </p>
      {open && <div className="banner-note">{details}</div>}
    </div>
  );
}
