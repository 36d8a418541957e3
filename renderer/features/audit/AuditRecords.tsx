import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditActionName, AuditRecordView, Role } from '../../../preload/api';
import { saveTextFile } from '../../lib/files';
import { failureOf, type Failure } from '../../state/failure';
import { useAppInfo, useCamerasView, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { formatDateTime } from '../../ui/formatTime';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { auditCsv, auditCsvName, type CsvColumn } from './auditCsv';
import { auditQuery, CSV_LIMIT, EMPTY_FORM, VIEW_LIMIT, type AuditForm } from './auditFilter';
import { ChainCheck } from './ChainCheck';

/** The records, newest first, as the filters narrow them; the same filters go into the CSV. */
export function AuditRecords() {
  const { t } = useTranslation();
  const { api } = useStores();
  const { cameras, sites, changes } = useCamerasView();
  const retention = useAppInfo()?.auditRetention ?? null;
  const [form, setForm] = useState<AuditForm>(EMPTY_FORM);
  const [records, setRecords] = useState<AuditRecordView[] | null>(null);
  const [failure, setFailure] = useState<{ lead: string; failure: Failure } | null>(null);
  // Cameras named in records stay choosable even when this console no longer lists them.
  const seen = useRef(new Map<string, string>());

  useEffect(() => {
    let current = true;
    void api.invoke('audit.query', auditQuery(form, VIEW_LIMIT)).then((result) => {
      if (!current) return;
      if (result.ok) for (const r of result.value) if (r.cameraId) seen.current.set(r.cameraId, r.cameraName ?? r.cameraId);
      setRecords(result.ok ? result.value : []);
      setFailure(result.ok ? null : { lead: t('audit.loadFailed'), failure: failureOf(result)! });
    });
    return () => {
      current = false;
    };
  }, [api, form, t]);

  const exportCsv = async () => {
    const result = await api.invoke('audit.query', auditQuery(form, CSV_LIMIT));
    const words = {
      column: (name: CsvColumn) => t(`audit.csv.${name}`),
      action: (action: AuditActionName) => t(`audit.action.${action}`),
      role: (role: Role) => t(`access.role.${role}`),
      repeats: (count: number) => t('audit.repeats', { count }),
    };
    if (result.ok) saveTextFile(auditCsvName(Date.now()), auditCsv(result.value, words), 'text/csv;charset=utf-8');
    else setFailure({ lead: t('audit.exportFailed'), failure: failureOf(result)! });
  };

  const choices = new Map(seen.current);
  for (const camera of [...(cameras ?? []), ...changes.withheld.values()]) choices.set(camera.id, camera.name);

  return (
    <section className="audit-records" data-testid="audit-records">
      {/* main matches a record's own site, not the sites below it: villages are what to pick. */}
      <AuditFilters form={form} onChange={setForm} cameras={choices} sites={sites.filter((s) => s.level === 'village')} />
      <div className="form-actions">
        <button type="button" data-testid="audit-export" onClick={() => void exportCsv()}>
          {t('audit.exportCsv')}
        </button>
        <ChainCheck />
      </div>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={failure.lead} failure={failure.failure} />
        </p>
      )}
      {records === null && <p className="panel-note">{t('audit.loading')}</p>}
      {records?.length === 0 && !failure && <p className="panel-note">{t('audit.empty')}</p>}
      {records && records.length > 0 && <AuditTable records={records} />}
      {records?.length === VIEW_LIMIT && <p className="panel-note">{t('audit.limited', { count: VIEW_LIMIT })}</p>}
      {retention && retention.oldestAt !== null && (
        <p className="panel-note" data-testid="audit-retention">
          {t('audit.retention', { files: t('counted.files', { count: retention.keepFiles }), mb: Math.round(retention.maxFileBytes / 1048576), kept: retention.files, time: formatDateTime(retention.oldestAt) })}
        </p>
      )}
    </section>
  );
}
