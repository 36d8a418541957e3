/** What the console tells the clerk about a settings file it could not read at start. */
import type { StoreNotice } from '../../preload/api.js';
import type { LoadReport } from './repository.js';

export function storeNoticeOf(report: LoadReport): StoreNotice | null {
  if (report.quarantinedTo === null) return null;
  return {
    kind: report.recoveredFrom ? 'recovered' : 'reset',
    movedTo: report.quarantinedTo,
    backupFrom: report.recoveredFrom?.path ?? null,
    backupAt: report.recoveredFrom?.at ?? null,
    problem: report.problem ?? '',
    olderVersion: report.refusedVersion,
  };
}
