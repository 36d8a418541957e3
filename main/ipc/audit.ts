/** Reading the viewing audit: filtered lists, a CSV an admin can hand on, and the chain check. */
import type { AuditRecordView } from '../../preload/api.js';
import type { ParsedRequest } from '../contract/requests.js';
import type { AuditRecord } from '../access/audit.js';
import { csvLine } from '../domain/csv.js';
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
        ...(record.repeats !== undefined ? { repeats: record.repeats } : {}),
      };
    });
}

export function auditCsv(records: AuditRecordView[]): string {
  const header = ['序号 seq', '时间 time', '控制台 console', '角色 role', '操作 action', '摄像机 camera', '单位 site', '理由 reason', '说明 detail'];
  const rows = records.map((r) => csvLine([r.seq, new Date(r.at).toISOString(), r.console, r.role, r.action, r.cameraName ?? r.cameraId, r.siteName, r.reason, r.repeats ? `${r.detail ?? ''} (×${r.repeats})` : r.detail]));
  // A BOM so Excel in China opens the UTF-8 file with the right characters.
  return '\ufeff' + [csvLine(header), ...rows].join('\r\n') + '\r\n';
}

export function auditHandlers(ctx: HandlerContext): Pick<HandlerTable, 'audit.query' | 'audit.verify' | 'audit.csv'> {
  return {
    'audit.query': (filter) => queryAudit(ctx, filter),
    'audit.verify': () => {
      const check = ctx.audit.verify();
      return check.ok
        ? { ok: true, records: check.records, file: null, line: null, problem: null }
        : { ok: false, records: null, file: check.file, line: check.line, problem: check.problem };
    },
    'audit.csv': (filter) => ({
      fileName: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
      csv: auditCsv(queryAudit(ctx, { ...filter, limit: filter.limit ?? 10_000 })),
    }),
  };
}
