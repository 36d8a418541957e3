import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
