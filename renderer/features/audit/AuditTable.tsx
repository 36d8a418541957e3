import { useTranslation } from 'react-i18next';
import type { AuditRecordView } from '../../../preload/api';
import { formatDateTime } from '../../ui/formatTime';

/** One row per record: when, what, which camera and site, who (role, console), why. */
export function AuditTable({ records }: { records: readonly AuditRecordView[] }) {
  const { t } = useTranslation();
  return (
    <table className="data-table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t('audit.col.time')}</th>
          <th>{t('audit.col.action')}</th>
          <th>{t('audit.col.camera')}</th>
          <th>{t('audit.col.site')}</th>
          <th>{t('audit.col.who')}</th>
          <th>{t('audit.col.reason')}</th>
          <th>{t('audit.col.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.seq} data-testid="audit-row" data-action={record.action} data-camera-id={record.cameraId ?? undefined}>
            <td className="nowrap">{formatDateTime(record.at)}</td>
            <td className="nowrap">{t(`audit.action.${record.action}`)}</td>
            <td>{record.cameraName ?? record.cameraId ?? ''}</td>
            <td>{record.siteName ?? ''}</td>
            <td className="nowrap">
              {t(`access.role.${record.role}`)} · {record.console}
            </td>
            <td>{record.reason ?? ''}</td>
            <td className="audit-detail">
              {record.detail ?? ''}
              {record.repeats ? t('audit.repeats', { count: record.repeats }) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
