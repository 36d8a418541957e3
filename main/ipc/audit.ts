/**
 * Reading the viewing audit: filtered lists (the page makes the CSV from them, in the officer's
 * words and time), a household's report with people named as the bureau chose, and the chain check.
 */
import type { AuditActionName, AuditRecordView, ReportNameStyle } from '../../preload/api.js';
import type { ParsedRequest } from '../contract/requests.js';
import type { AuditRecord } from '../access/audit.js';
import { peopleOf } from '../domain/model.js';
import { reportName } from '../domain/operators.js';
import type { HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Filter = ParsedRequest<'audit.query'>;

/** The filter's fields besides time and limit, which the log itself uses to read only the files it needs. */
function matcher(filter: Filter, siteOf: (cameraId: string) => string | null): (record: AuditRecord) => boolean {
  return (record) => {
    if (filter.cameraId && record.cameraId !== filter.cameraId) return false;
    if (filter.action && record.action !== filter.action) return false;
    if (filter.siteId && (record.siteId ?? (record.cameraId ? siteOf(record.cameraId) : null)) !== filter.siteId) return false;
    return true;
  };
}

export function queryAudit(ctx: HandlerContext, filter: Filter): AuditRecordView[] {
  const { cameras, sites } = ctx.repo.data;
  const cameraById = new Map(cameras.map((c) => [c.id, c]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const siteOf = (cameraId: string) => cameraById.get(cameraId)?.siteId ?? null;
  const { id: consoleId, scopeSiteId } = ctx.repo.data.console;
  const ownUnit = scopeSiteId ? (siteName.get(scopeSiteId) ?? null) : null;
  return ctx.audit
    .query({
      match: matcher(filter, siteOf),
      limit: filter.limit ?? 1000,
      ...(filter.from !== undefined ? { from: filter.from } : {}),
      ...(filter.to !== undefined ? { to: filter.to } : {}),
    })
    .map((record) => {
      const camera = record.cameraId ? cameraById.get(record.cameraId) : undefined;
      const siteId = record.siteId ?? camera?.siteId ?? null;
      return {
        seq: record.seq,
        at: record.at,
        console: record.console,
        role: record.role,
        action: record.action,
        cameraId: record.cameraId ?? null,
        cameraName: camera?.name ?? null,
        siteName: siteId ? (siteName.get(siteId) ?? null) : null,
        reason: record.reason ?? null,
        detail: record.detail ?? null,
        person: record.person ? { name: record.person.name, badge: record.person.badge, unit: record.person.unit } : null,
        consoleUnit: record.console === consoleId ? ownUnit : null,
        ...(record.repeats !== undefined ? { repeats: record.repeats } : {}),
      };
    });
}

/** What a household owner asks about: who watched (live or recorded), and who took pictures, clips or exports away. */
export const REPORT_ACTIONS: readonly AuditActionName[] = ['view_start', 'view_stop', 'playback_start', 'playback_stop', 'snapshot', 'clip', 'export'];

/**
 * A household camera's report: those actions only, oldest first (as one reads a log on paper),
 * each person named as the bureau chose. Masked here, so a full name never reaches the sheet.
 */
export function householdReport(records: readonly AuditRecordView[], style: ReportNameStyle): AuditRecordView[] {
  return records
    .filter((r) => REPORT_ACTIONS.includes(r.action))
    .sort((a, b) => a.seq - b.seq)
    .map((r) => (r.person ? { ...r, person: { ...r.person, name: reportName(r.person.name, style), badge: style === 'full' ? r.person.badge : '' } } : r));
}

export function auditHandlers(ctx: HandlerContext): Pick<HandlerTable, 'audit.query' | 'audit.verify' | 'audit.report'> {
  return {
    'audit.query': (filter) => queryAudit(ctx, filter),
    'audit.report': ({ cameraId }) => householdReport(queryAudit(ctx, { cameraId, limit: 10_000 }), peopleOf(ctx.repo.data).reportNames),
    'audit.verify': () => {
      const check = ctx.audit.verify();
      return check.ok
        ? { ok: true, records: check.records, file: null, line: null, problem: null }
        : { ok: false, records: null, file: check.file, line: check.line, problem: check.problem };
    },
  };
}
