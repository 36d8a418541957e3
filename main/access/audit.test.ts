import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from './audit.js';

const fresh = (maxBytes?: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-audit-'));
  return { dir, log: new AuditLog(dir, maxBytes) };
};
const view = (cameraId: string) => ({ console: 'c1', role: 'operator' as const, action: 'view_start' as const, cameraId });

describe('AuditLog (real files)', () => {
  it('chains records and verifies a clean log, also after reopening', () => {
    const { dir, log } = fresh();
    for (let i = 0; i < 5; i++) log.append(view(`cam${i}`));
    expect(log.verify()).toEqual({ ok: true, records: 5 });
    const reopened = new AuditLog(dir);
    reopened.append(view('cam9'));
    expect(reopened.verify()).toEqual({ ok: true, records: 6 });
    expect(reopened.read().map((r) => r.cameraId)).toEqual(['cam0', 'cam1', 'cam2', 'cam3', 'cam4', 'cam9']);
  });

  it('detects a modified line', () => {
    const { dir, log } = fresh();
    for (let i = 0; i < 4; i++) log.append(view(`cam${i}`));
    const file = join(dir, readdirSync(dir)[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"cam2"', '"cam7"'));
    expect(log.verify()).toEqual({ ok: false, file: 'audit-000001.jsonl', line: 3, problem: 'hash' });
  });

  it('detects a removed line', () => {
    const { dir, log } = fresh();
    for (let i = 0; i < 4; i++) log.append(view(`cam${i}`));
    const file = join(dir, readdirSync(dir)[0]!);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(file, lines.join('\n'));
    expect(log.verify()).toMatchObject({ ok: false, line: 2, problem: 'link' });
  });

  it('keeps one chain across rotated files', () => {
    const { dir, log } = fresh(600);
    for (let i = 0; i < 12; i++) log.append(view(`cam${i}`));
    expect(readdirSync(dir).length).toBeGreaterThan(2);
    expect(log.verify()).toEqual({ ok: true, records: 12 });
    // Removing a whole middle file breaks the chain at the next file's first line.
    const files = readdirSync(dir).sort();
    writeFileSync(join(dir, files[1]!), '');
    expect(log.verify()).toMatchObject({ ok: false, file: files[2], line: 1, problem: 'link' });
  });
});

/** The anchor as the settings keep it, here in memory: what the log looked like when it last closed. */
const settingsAnchor = () => {
  let kept: { seq: number; hash: string } | null = null;
  return { load: () => kept, save: (anchor: { seq: number; hash: string }) => void (kept = anchor) };
};
/** A log of `records` records whose console stopped cleanly, its anchor saved in the settings. */
function stoppedWithAnchor(records: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-audit-'));
  const anchor = settingsAnchor();
  const log = new AuditLog(dir, undefined, undefined, { anchor });
  for (let i = 0; i < records; i++) log.append(view(`cam${i}`));
  log.close();
  return { dir, anchor, reopen: () => new AuditLog(dir, undefined, undefined, { anchor }) };
}
const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('AuditLog after a power cut, a full disk, or files removed while stopped', () => {
  it.each([
    ['half a line', '{"console":"c1","role":"operator","action":"view_st'],
    ['zeros a power cut left', '\0'.repeat(64)],
    ['a cut line and a blank one', '{"console":"c1","seq":4,"at":17\n\n'],
  ])('keeps a torn tail (%s) aside, restarts the chain with a record, and says so', (_name, torn) => {
    const { dir, log } = fresh();
    for (let i = 0; i < 3; i++) log.append(view(`cam${i}`));
    log.close();
    appendFileSync(join(dir, 'audit-000001.jsonl'), torn);
    const reopened = new AuditLog(dir);
    const [notice] = reopened.notices();
    expect(notice).toMatchObject({ kind: 'audit_torn_tail', path: expect.stringMatching(/audit-000001\.torn-\d{8}T\d{9}Z\.txt$/) });
    expect(readFileSync(notice!.path!, 'utf8')).toBe(torn);
    expect(reopened.read().map((r) => r.action)).toEqual(['view_start', 'view_start', 'view_start', 'chain_restart']);
    reopened.append(view('cam9'));
    expect(reopened.verify()).toEqual({ ok: true, records: 5 });
  });

  it('detects a tail truncated while the console was stopped', () => {
    const { dir, anchor, reopen } = stoppedWithAnchor(5);
    const file = join(dir, 'audit-000001.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
    const reopened = reopen();
    expect(reopened.notices()).toEqual([expect.objectContaining({ kind: 'audit_records_missing', from: 4, to: 5 })]);
    expect(reopened.read().at(-1)).toMatchObject({ seq: 6, action: 'chain_restart' });
    expect(reopened.verify()).toMatchObject({ ok: false, line: 4, problem: 'missing' });
  });

  it('detects every audit file deleted while the console was stopped', () => {
    const { dir, anchor, reopen } = stoppedWithAnchor(5);
    rmSync(dir, { recursive: true });
    const reopened = reopen();
    expect(reopened.notices()).toEqual([expect.objectContaining({ kind: 'audit_records_missing', from: 1, to: 5 })]);
    expect(reopened.verify()).toMatchObject({ ok: false, file: 'audit-000001.jsonl', line: 1, problem: 'missing' });
    expect(anchor.load()).toMatchObject({ seq: 6 });
  });

  it('opens a clean log with its anchor and says nothing', () => {
    expect(stoppedWithAnchor(3).reopen().notices()).toEqual([]);
  });

  it('keeps running when the audit folder cannot be made, says why, and writes the held records once it can', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vw-audit-')), 'audit');
    writeFileSync(dir, 'a file where the folder should be');
    const log = new AuditLog(dir);
    log.append(view('cam1'));
    log.append(view('cam2'));
    expect(log.notices()).toEqual([expect.objectContaining({ kind: 'audit_unwritable', problem: 'no_folder', path: dir })]);
    rmSync(dir);
    log.append(view('cam3'));
    expect(log.notices()).toEqual([]);
    expect(log.verify()).toEqual({ ok: true, records: 3 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('says the disk is full, and loses no record once there is room again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-audit-'));
    let full = false;
    const write = (path: string, text: string) => {
      if (full) throw diskFull();
      appendFileSync(path, text);
    };
    const log = new AuditLog(dir, undefined, undefined, { write });
    log.append(view('cam1'));
    full = true;
    expect(() => log.append(view('cam2'))).not.toThrow();
    expect(log.notices()).toEqual([expect.objectContaining({ kind: 'audit_unwritable', problem: 'disk_full' })]);
    full = false;
    log.append(view('cam3'));
    expect(log.read().map((r) => r.cameraId)).toEqual(['cam1', 'cam2', 'cam3']);
    expect(log.verify()).toEqual({ ok: true, records: 3 });
  });

  it('answers a query for the newest records, or a time window, without reading older files', () => {
    let clock = 0;
    const dir = mkdtempSync(join(tmpdir(), 'vw-audit-'));
    const log = new AuditLog(dir, 600, () => (clock += 1000));
    for (let i = 0; i < 40; i++) log.append(view(`cam${i}`));
    const oldest = join(dir, readdirSync(dir).sort()[0]!);
    rmSync(oldest);
    mkdirSync(oldest); // reading the oldest file now fails: the answers below must not need it
    expect(log.query({ limit: 3 }).map((r) => r.cameraId)).toEqual(['cam39', 'cam38', 'cam37']);
    expect(log.query({ from: 30_000, to: 32_000 }).map((r) => r.seq)).toEqual([32, 31, 30]);
    expect(log.query({ from: 30_000, match: (r) => r.cameraId === 'cam35' }).map((r) => r.seq)).toEqual([36]);
    expect(() => log.query({ match: (r) => r.cameraId === 'cam0' })).toThrow(/EISDIR/);
  });

  it('keeps a bounded number of files, says what it keeps, and the kept chain still verifies', () => {
    let clock = 1_000;
    const dir = mkdtempSync(join(tmpdir(), 'vw-audit-'));
    const log = new AuditLog(dir, 600, () => (clock += 1000), { keepFiles: 3 });
    for (let i = 0; i < 40; i++) log.append(view(`cam${i}`));
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl'))).toHaveLength(3);
    const retention = log.retention();
    expect(retention).toMatchObject({ keepFiles: 3, maxFileBytes: 600, newestSeq: 40 });
    expect(retention.oldestSeq).toBeGreaterThan(1);
    expect(retention.oldestAt).toBe(1_000 + retention.oldestSeq! * 1000);
    expect(log.verify()).toEqual({ ok: true, records: 40 });
    const oldest = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()[0]!;
    rmSync(join(dir, oldest)); // removed by hand, not by the retention
    expect(log.verify()).toMatchObject({ ok: false, line: 1, problem: 'link' });
  });

  it('makes its folder owner-only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vw-audit-')), 'audit');
    new AuditLog(dir).append(view('cam1'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
