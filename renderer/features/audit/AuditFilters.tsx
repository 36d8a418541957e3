import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_NAMES, type AuditActionName, type Site } from '../../../preload/api';
import { Field } from '../../ui/Field';
import { SiteSelect } from '../../ui/SiteSelect';
import type { AuditForm } from './auditFilter';

interface Props {
  form: AuditForm;
  onChange(form: AuditForm): void;
  /** Camera names by id. */
  cameras: ReadonlyMap<string, string>;
  sites: readonly Site[];
}

/** Camera, village, action, and a range of days. */
export function AuditFilters({ form, onChange, cameras, sites }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof AuditForm>(key: K) => (event: { target: { value: string } }) => onChange({ ...form, [key]: event.target.value as AuditForm[K] });
  return (
    <div className="audit-filters" data-testid="audit-filters">
      <Field label={t('audit.filter.camera')}>
        <select data-testid="audit-filter-camera" value={form.cameraId} onChange={set('cameraId')}>
          <option value="">{t('audit.filter.all')}</option>
          {[...cameras].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <SiteSelect label={t('audit.filter.site')} sites={sites} value={form.siteId} onChange={(siteId) => onChange({ ...form, siteId })} emptyLabel={t('audit.filter.all')} testId="audit-filter-site" />
      <Field label={t('audit.filter.action')}>
        <select data-testid="audit-filter-action" value={form.action} onChange={set('action')}>
          <option value="">{t('audit.filter.all')}</option>
          {AUDIT_ACTION_NAMES.map((action: AuditActionName) => (
            <option key={action} value={action}>
              {t(`audit.action.${action}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('audit.filter.from')}>
        <input type="date" data-testid="audit-filter-from" value={form.from} onChange={set('from')} />
      </Field>
      <Field label={t('audit.filter.to')}>
        <input type="date" data-testid="audit-filter-to" value={form.to} onChange={set('to')} />
      </Field>
    </div>
  );
}
