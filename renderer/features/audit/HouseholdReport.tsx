import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { AuditRecordView, CameraView } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useAccessState, useCamerasView, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { ReportSheet } from './ReportSheet';

/** "谁看过我家的摄像头": one household camera's views, snapshots and clips, to print for the family. */
export function HouseholdReport() {
  const { t } = useTranslation();
  const { api } = useStores();
  const { cameras, changes } = useCamerasView();
  const access = useAccessState();
  // The sheet says which unit printed it, not the machine's id.
  const printedBy = access?.scope?.name ?? access?.consoleId ?? '';
  const households: CameraView[] = [...(cameras ?? []).filter((c) => c.ownerKind === 'household'), ...changes.withheld.values()];
  const [picked, setCameraId] = useState('');
  // The first household camera until one is picked (the list may still be loading when this opens).
  const cameraId = households.some((c) => c.id === picked) ? picked : (households[0]?.id ?? '');
  const [records, setRecords] = useState<AuditRecordView[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const camera = households.find((c) => c.id === cameraId);

  useEffect(() => {
    if (cameraId === '') return;
    let current = true;
    setRecords(null);
    // main picks the records a family asks about and names the people as the bureau chose.
    void api.invoke('audit.report', { cameraId }).then((result) => {
      if (!current) return;
      setRecords(result.ok ? result.value : null);
      setFailure(failureOf(result));
    });
    return () => {
      current = false;
    };
  }, [api, cameraId]);

  if (households.length === 0) return <p className="panel-note">{t('audit.report.none')}</p>;
  const sheet = camera && records && <ReportSheet camera={camera} records={records} printedBy={printedBy} />;
  return (
    <section className="household-report" data-testid="household-report">
      <p className="panel-note">{t('audit.report.intro')}</p>
      <div className="form-pair">
        <Field label={t('audit.report.camera')}>
          <select data-testid="report-camera" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
            {households.map((c) => (
              <option key={c.id} value={c.id}>
                {c.owner ? `${c.name}（${c.owner.name}）` : c.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="primary" data-testid="report-print" disabled={!sheet} onClick={() => window.print()}>
          {t('audit.report.print')}
        </button>
      </div>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('audit.loadFailed')} failure={failure} />
        </p>
      )}
      {sheet && <div className="report-preview">{sheet}</div>}
      {/* The printed copy sits outside the app, which the print stylesheet hides. */}
      {sheet && createPortal(<div className="print-report">{sheet}</div>, document.body)}
    </section>
  );
}
