/** The audit view's filters as the form holds them (text), and as `audit.query` wants them. */
import type { AuditActionName, Request } from '../../../preload/api';

export interface AuditForm {
  cameraId: string;
  siteId: string;
  action: AuditActionName | '';
  /** Days as an `<input type="date">` gives them (YYYY-MM-DD, local), or ''. */
  from: string;
  to: string;
}

export const EMPTY_FORM: AuditForm = { cameraId: '', siteId: '', action: '', from: '', to: '' };

/** How many records the view shows at most. */
export const VIEW_LIMIT = 500;
/** How many the CSV takes (the most one query gives). */
export const CSV_LIMIT = 10_000;

/** Local midnight at the start of a day, or null. */
function dayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime() : null;
}

/** Empty fields are left out; "to" includes the whole of its day. */
export function auditQuery(form: AuditForm, limit?: number): Request<'audit.query'> {
  const from = dayStart(form.from);
  const toStart = dayStart(form.to);
  const to = toStart === null ? null : new Date(toStart).setDate(new Date(toStart).getDate() + 1) - 1;
  return {
    ...(form.cameraId ? { cameraId: form.cameraId } : {}),
    ...(form.siteId ? { siteId: form.siteId } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(from !== null ? { from } : {}),
    ...(to !== null ? { to } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}
