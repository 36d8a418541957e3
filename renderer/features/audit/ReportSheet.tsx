import { useTranslation } from 'react-i18next';
import type { AuditRecordView, CameraView } from '../../../preload/api';
import { DataTable } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/formatTime';
import { whoText } from './who';

/** The report as a sheet of paper: whose camera, who looked and when, who saved pictures and why. */
export function ReportSheet({ camera, records, printedBy }: { camera: CameraView; records: readonly AuditRecordView[]; printedBy: string }) {
  const { t } = useTranslation();
  const site = records.find((r) => r.siteName)?.siteName;
  return (
    <article className="report-sheet" data-testid="report-sheet">
      <h1>{t('audit.report.heading')}</h1>
      <dl className="report-facts">
        <dt>{t('audit.report.cameraLabel')}</dt>
        <dd>{site ? `${camera.name} · ${site}` : camera.name}</dd>
        {camera.owner && (
          <>
            <dt>{t('audit.report.owner')}</dt>
            <dd>{camera.owner.name}</dd>
          </>
        )}
        <dt>{t('audit.report.printedAt')}</dt>
        <dd>
          {formatDateTime(Date.now())} · {printedBy}
        </dd>
      </dl>
      {records.length === 0 ? (
        <p>{t('audit.report.nobody')}</p>
      ) : (
        <DataTable className="report-table" columns={[t('audit.col.time'), t('audit.col.action'), t('audit.col.who'), t('audit.col.reason')]}>
          {records.map((record) => (
            <tr key={record.seq} data-testid="report-row" data-action={record.action}>
              <td>{formatDateTime(record.at)}</td>
              <td>{t(`audit.action.${record.action}`)}</td>
              <td data-testid="report-who">{whoText(record, t(`access.role.${record.role}`))}</td>
              <td>{record.reason ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="report-footer">{t('audit.report.footer', { count: records.length })}</p>
    </article>
  );
}
