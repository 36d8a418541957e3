import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './dialog.css';

interface Props {
  title: string;
  testId: string;
  onClose(): void;
  /** `wide` for tables (the records, the evidence list); small otherwise (a PIN, a reason). */
  size?: 'small' | 'wide';
  children: ReactNode;
}

/** A modal over the wall (which keeps playing behind it); Esc or "Close" returns to it. */
export function Dialog({ title, testId, onClose, size = 'small', children }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // showModal() focuses the first button (Close); the field marked for it is the better start.
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="modal"
      data-size={size}
      data-testid={testId}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Keys typed in a dialog are for the dialog, not for the wall behind it.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <header className="modal-header">
        <h2>{title}</h2>
        <button type="button" className="quiet" data-testid={`${testId}-close`} onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
