/**
 * The viewing audit: an append-only JSON-lines log in which every record carries the hash of the
 * one before it, so changing or removing a line breaks the chain where it happened. Files rotate
 * by size; the first record of a new file chains to the last of the old, so rotation never
 * breaks the chain.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_ACTIONS = ['view_start', 'view_stop', 'snapshot', 'clip', 'export', 'config_change', 'pin_failed', 'pin_ok', 'refused'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  console: string;
  role: 'operator' | 'admin';
  action: AuditAction;
  cameraId?: string;
  siteId?: string;
  reason?: string;
  detail?: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: number;
  prev: string;
  hash: string;
}

export type ChainCheck = { ok: true; records: number } | { ok: false; file: string; line: number; problem: 'hash' | 'link' | 'sequence' | 'unreadable' };

const GENESIS = '0'.repeat(64);
const FILE = /^audit-(\d{6})\.jsonl$/;

function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, prev, console: c, role, action, cameraId, siteId, reason, detail } = record;
  const canonical = JSON.stringify([seq, at, prev, c, role, action, cameraId ?? null, siteId ?? null, reason ?? null, detail ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

export class AuditLog {
  private last: { seq: number; hash: string } = { seq: 0, hash: GENESIS };
  private fileIndex = 1;
  private fileBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly maxFileBytes = 4 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(dir, { recursive: true });
    const files = this.files();
    const newest = files.at(-1);
    if (newest) {
      this.fileIndex = Number(FILE.exec(newest)![1]);
      const text = readFileSync(join(dir, newest), 'utf8');
      this.fileBytes = Buffer.byteLength(text);
      const lastLine = text.trimEnd().split('\n').at(-1);
      if (lastLine) {
        const record = JSON.parse(lastLine) as AuditRecord;
        this.last = { seq: record.seq, hash: record.hash };
      }
    }
  }

  append(entry: AuditEntry): AuditRecord {
    const base = { ...entry, seq: this.last.seq + 1, at: this.now(), prev: this.last.hash };
    const record: AuditRecord = { ...base, hash: hashOf(base) };
    const line = JSON.stringify(record) + '\n';
    if (this.fileBytes > 0 && this.fileBytes + line.length > this.maxFileBytes) {
      this.fileIndex += 1;
      this.fileBytes = 0;
    }
    appendFileSync(join(this.dir, this.fileName(this.fileIndex)), line, { mode: 0o600 });
    this.fileBytes += Buffer.byteLength(line);
    this.last = { seq: record.seq, hash: record.hash };
    return record;
  }

  /** Every record, oldest first (the log is small: months of a village's viewing fit in MBs). */
  read(): AuditRecord[] {
    return this.files().flatMap((file) =>
      readFileSync(join(this.dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as AuditRecord),
    );
  }

  /** Walks the whole chain across every file; says where it first breaks. */
  verify(): ChainCheck {
    let prev = GENESIS;
    let seq = 0;
    for (const file of this.files()) {
      const lines = readFileSync(join(this.dir, file), 'utf8').split('\n');
      for (const [index, line] of lines.entries()) {
        if (line.trim() === '') continue;
        let record: AuditRecord;
        try {
          record = JSON.parse(line) as AuditRecord;
        } catch {
          return { ok: false, file, line: index + 1, problem: 'unreadable' };
        }
        const { hash, ...rest } = record;
        if (record.prev !== prev) return { ok: false, file, line: index + 1, problem: 'link' };
        if (record.seq !== seq + 1) return { ok: false, file, line: index + 1, problem: 'sequence' };
        if (hashOf(rest) !== hash) return { ok: false, file, line: index + 1, problem: 'hash' };
        prev = hash;
        seq = record.seq;
      }
    }
    return { ok: true, records: seq };
  }

  private files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((f) => FILE.test(f)).sort();
  }

  private fileName(index: number): string {
    return `audit-${String(index).padStart(6, '0')}.jsonl`;
  }
}
