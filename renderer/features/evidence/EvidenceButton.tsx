import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminButton } from '../../ui/AdminButton';
import { EvidenceDialog } from './EvidenceDialog';

/** The top bar's "证据文件": the snapshots and clips saved on this console, each checkable (admins). */
export function EvidenceButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <AdminButton label={t('evidence.open')} title={t('evidence.openTitle')} testId="evidence-button" onClick={() => setOpen(true)} />
      {open && <EvidenceDialog onClose={() => setOpen(false)} />}
    </>
  );
}
