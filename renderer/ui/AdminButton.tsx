import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '../state/hooks';

/** A top-bar button for an admin tool: disabled for operators, with how to get it in its title. */
export function AdminButton({ label, title, testId, onClick }: { label: string; title: string; testId: string; onClick(): void }) {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  return (
    <button type="button" data-testid={testId} disabled={!admin} title={admin ? title : t('access.adminHint', { what: label })} onClick={onClick}>
      {label}
    </button>
  );
}
