import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { AuditRecords } from './AuditRecords';
import { HouseholdReport } from './HouseholdReport';
import './audit.css';

const VIEWS = ['records', 'report'] as const;
type View = (typeof VIEWS)[number];

/** The viewing records: filter, export, check the chain; and a household's printable report. */
export function AuditDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('records');
  return (
    <Dialog title={t('audit.title')} testId="audit-dialog" size="wide" onClose={onClose}>
      <div className="side-tabs audit-tabs" role="tablist">
        {VIEWS.map((name) => (
          <button key={name} type="button" role="tab" data-testid={`audit-tab-${name}`} aria-selected={view === name} onClick={() => setView(name)}>
            {t(`audit.tabs.${name}`)}
          </button>
        ))}
      </div>
      {view === 'records' ? <AuditRecords /> : <HouseholdReport />}
    </Dialog>
  );
}
