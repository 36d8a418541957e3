/**
 * The records as a CSV an admin hands on, made in the page: the words are the catalogue's (the
 * same the table shows) and the times the officer's own, with their UTC offset. The action's code
 * stays in its own column for whoever reads the file by machine.
 */
import type { AuditActionName, AuditRecordView, Role } from '../../../preload/api';
import { csvLine } from '../../../preload/csv';
import { formatLocalStamp } from '../../ui/formatTime';
import { whoText } from './who';

export const CSV_COLUMNS = ['seq', 'time', 'action', 'camera', 'site', 'who', 'badge', 'role', 'console', 'reason', 'detail', 'code'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvWords {
  column(name: CsvColumn): string;
  action(action: AuditActionName): string;
  role(role: Role): string;
  /** "(repeated N times)" after a merged record's detail. */
  repeats(count: number): string;
}

export function auditCsv(records: readonly AuditRecordView[], words: CsvWords): string {
  const rows = records.map((r) =>
    csvLine([
      r.seq,
      formatLocalStamp(r.at),
      words.action(r.action),
      r.cameraName ?? r.cameraId,
      r.siteName,
      whoText(r, words.role(r.role)),
      r.person?.badge ?? null,
      words.role(r.role),
      r.console,
      r.reason,
      r.repeats ? `${r.detail ?? ''}${words.repeats(r.repeats)}` : r.detail,
      r.action,
    ]),
  );
  // A BOM so Excel in China opens the UTF-8 file with the right characters.
  return '\ufeff' + [csvLine(CSV_COLUMNS.map(words.column)), ...rows].join('\r\n') + '\r\n';
}

/** The file's name: the day it was made, in the officer's time. */
export function auditCsvName(now: number): string {
  return `audit-${formatLocalStamp(now).slice(0, 10)}.csv`;
}
