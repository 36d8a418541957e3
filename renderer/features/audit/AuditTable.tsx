import { useTranslation } from 'react-i18next';
import type { AuditRecordView } from '../../../preload/api';
import { DataTable } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/formatTime';
import { whoText } from './who';

/** One row per record: when, what, which camera and site, who (role, console), why. */
export function AuditTable({ records }: { records: readonly AuditRecordView[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      testId="audit-table"
      columns={[t('audit.col.time'), t('audit.col.action'), t('audit.col.camera'), t('audit.col.site'), t('audit.col.who'), t('audit.col.reason'), t('audit.col.detail')]}
    >
      {records.map((record) => (
        <tr key={record.seq} data-testid="audit-row" data-action={record.action} data-camera-id={record.cameraId ?? undefined}>
          <td className="nowrap">{formatDateTime(record.at)}</td>
          <td className="nowrap">{t(`audit.action.${record.action}`)}</td>
          <td>{record.cameraName ?? record.cameraId ?? ''}</td>
          <td>{record.siteName ?? ''}</td>
          <td className="nowrap" data-testid="audit-who" title={record.person ? `${record.person.badge} · ${t(`access.role.${record.role}`)} · ${record.console}` : undefined}>
            {whoText(record, t(`access.role.${record.role}`))}
          </td>
          <td>{record.reason ?? ''}</td>
          <td className="audit-detail">
            {record.detail ?? ''}
            {record.repeats ? t('audit.repeats', { count: record.repeats }) : ''}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
