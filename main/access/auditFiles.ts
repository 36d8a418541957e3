/**
 * The audit's files on disk: `audit-000001.jsonl`, … one record a line, and the few things read
 * from them without parsing everything — the first record of a file, the last record of the log,
 * and the unfinished tail a power cut leaves at the end of the newest file.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from './audit.js';

const FILE = /^audit-(\d{6})\.jsonl$/;

export const auditFileName = (index: number) => `audit-${String(index).padStart(6, '0')}.jsonl`;
export const auditFileIndex = (name: string) => Number(FILE.exec(name)?.[1] ?? 0);

/** The log's files, oldest first; none when the folder is missing or cannot be read. */
export function auditFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => FILE.test(f)).sort();
  } catch {
    return [];
  }
}

/** A line that holds a whole record, or null (half a line, zeros, anything else). */
export function parseRecord(line: string): AuditRecord | null {
  if (!line.startsWith('{')) return null;
  try {
    const record = JSON.parse(line) as AuditRecord;
    return typeof record.seq === 'number' && typeof record.hash === 'string' && typeof record.prev === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** Every whole record of one file, in order (lines that are not records are left to `verify`). */
export function fileRecords(path: string): AuditRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map(parseRecord)
    .filter((record): record is AuditRecord => record !== null);
}

/** The first record of a file, read from its first few kilobytes only. */
export function firstRecord(path: string): AuditRecord | null {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return parseRecord(buffer.subarray(0, length).toString('utf8').split('\n')[0] ?? '');
  } finally {
    closeSync(fd);
  }
}

/** The newest record of the log, looking back past files that hold none. */
export function lastRecord(dir: string, files: string[]): AuditRecord | null {
  for (const file of [...files].reverse()) {
    const last = fileRecords(join(dir, file)).at(-1);
    if (last) return last;
  }
  return null;
}

/**
 * Splits a file's text into the whole records and what follows the last of them: the line a
 * power cut left half written (or filled with zeros), and any blank or broken lines after it.
 */
export function splitTornTail(text: string): { good: string; torn: string } {
  const lines = text.split('\n');
  // Every element but the last ended with '\n'; the last never did, so it is never whole.
  let whole = lines.length - 1;
  while (whole > 0 && parseRecord(lines[whole - 1]!) === null) whole--;
  const good = lines
    .slice(0, whole)
    .map((line) => line + '\n')
    .join('');
  return { good, torn: text.slice(good.length) };
}

/** Where the kept chain starts after the retention removed older files (genesis without one). */
export interface RetentionMark {
  seq: number;
  hash: string;
}

export const RETENTION_FILE = 'audit-retention.json';

export function readRetentionMark(dir: string): RetentionMark | null {
  const path = join(dir, RETENTION_FILE);
  if (!existsSync(path)) return null;
  const mark = JSON.parse(readFileSync(path, 'utf8')) as RetentionMark;
  return typeof mark.seq === 'number' && typeof mark.hash === 'string' ? mark : null;
}
