import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onDemand } from '../../ui/onDemand';

// Loaded when first opened, not with the wall.
const EvidenceDialog = onDemand(() => import('./EvidenceDialog').then((m) => m.EvidenceDialog));

/**
 * The top bar's "证据文件": the snapshots and clips saved on this console. A locked operator opens
 * it too (main shows only what the access rules allow); copying out needs the admin.
 */
export function EvidenceButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="evidence-button" title={t('evidence.openTitle')} onClick={() => setOpen(true)}>
        {t('evidence.open')}
      </button>
      {open && <EvidenceDialog onClose={() => setOpen(false)} />}
    </>
  );
}
