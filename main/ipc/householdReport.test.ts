import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../../preload/api.js';
import { householdReport } from './audit.js';

const person = { name: '张三丰', badge: 'A1024', unit: '青山派出所' };
const record = (seq: number, action: AuditRecordView['action'], who: AuditRecordView['person'] = null): AuditRecordView => ({
  seq, at: seq * 1000, console: 'c', role: 'operator', action, cameraId: 'home', cameraName: '张家门口', siteName: '东村', reason: null, detail: null, person: who, consoleUnit: null,
});

describe("a household's report", () => {
  it('keeps views, snapshots, clips and exports, oldest first', () => {
    const records = [record(6, 'export'), record(5, 'clip'), record(4, 'refused'), record(3, 'view_stop'), record(2, 'config_change'), record(1, 'view_start')];
    expect(householdReport(records, 'masked').map((r) => r.seq)).toEqual([1, 3, 5, 6]);
  });

  it('lists playbacks of recorded footage too, as the owner asks who looked at the past', () => {
    const records = [record(3, 'playback_stop'), record(2, 'pin_ok'), record(1, 'playback_start')];
    expect(householdReport(records, 'masked').map((r) => r.seq)).toEqual([1, 3]);
  });

  it('masks the person and drops their badge unless the bureau chose full names', () => {
    const [masked] = householdReport([record(1, 'view_start', person)], 'masked');
    expect(masked?.person).toEqual({ name: '张**', badge: '', unit: '青山派出所' });
    const [full] = householdReport([record(1, 'view_start', person)], 'full');
    expect(full?.person).toEqual(person);
  });
});
