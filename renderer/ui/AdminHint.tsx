import { useTranslation } from 'react-i18next';

/** Where an admin tool would be, for an operator: how to get it (main refuses it anyway). */
export function AdminHint({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <p className="admin-hint" data-testid="admin-hint">
      {t('access.adminHint', { what })}
    </p>
  );
}
