import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminButton } from '../../ui/AdminButton';
import { onDemand } from '../../ui/onDemand';

// Loaded when first opened, not with the wall.
const AuditDialog = onDemand(() => import('./AuditDialog').then((m) => m.AuditDialog));

/** The top bar's "查看记录": who watched what, when (admins). */
export function AuditButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <AdminButton label={t('audit.open')} title={t('audit.openTitle')} testId="audit-button" onClick={() => setOpen(true)} />
      {open && <AuditDialog onClose={() => setOpen(false)} />}
    </>
  );
}
