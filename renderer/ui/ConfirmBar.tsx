import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Are you sure? [confirm] [cancel]", inline under what it is about. `ariaLabel` names it when
 * the question shown says more than its name; `children` (e.g. why it failed) follow the buttons.
 */
export function ConfirmBar({
  question,
  ariaLabel = question,
  confirmLabel,
  confirmTestId,
  onConfirm,
  onCancel,
  children,
}: {
  question: string;
  ariaLabel?: string;
  confirmLabel: string;
  confirmTestId: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="confirm" role="alertdialog" aria-label={ariaLabel}>
      <span>{question}</span>
      <button type="button" className="danger" data-testid={confirmTestId} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      {children}
    </div>
  );
}
