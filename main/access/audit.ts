/**
 * The viewing audit: an append-only JSON-lines log in which every record carries the hash of the
 * one before it, so changing or removing a line breaks the chain where it happened. Files rotate
 * by size; the first record of a new file chains to the last of the old, so rotation never
 * breaks the chain, and only the newest `keepFiles` are kept (the retention mark says where the
 * kept chain starts).
 *
 * The log outlives what happens to its disk: a power cut's half line is kept aside and the chain
 * goes on with a `chain_restart` record; the last sequence number and hash are anchored outside
 * the log (in the settings), so records cut or deleted while the console was stopped are found at
 * the next start; and a record that cannot be written (disk full, folder gone) is held and written
 * once it can be. None of this throws: the console keeps running and says what happened.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf } from '../store/backups.js';
import { writeFileAtomic } from '../store/atomicFile.js';
import type { ConsoleNotice, Person } from '../../preload/api.js';
import { diskFailureOf, ensurePrivateDir, type DiskFailure } from '../store/diskProblem.js';
import {
  RETENTION_FILE,
  auditFileIndex,
  auditFileName,
  auditFiles,
  fileRecords,
  firstRecord,
  lastRecord,
  readRetentionMark,
  splitTornTail,
} from './auditFiles.js';

export const AUDIT_ACTIONS = ['view_start', 'view_stop', 'playback_start', 'playback_stop', 'snapshot', 'clip', 'export', 'config_change', 'pin_failed', 'pin_ok', 'refused', 'chain_restart', 'records_lost', 'recorder_list'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  console: string;
  role: 'operator' | 'admin';
  /** The named operator signed in on the caller's console, as they were named then. */
  person?: Person;
  action: AuditAction;
  cameraId?: string;
  siteId?: string;
  reason?: string;
  detail?: string;
  /** A merged record: how many times this happened since the first record of its kind (which stands for one). */
  repeats?: number;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: number;
  prev: string;
  hash: string;
}

export type ChainProblem = 'hash' | 'link' | 'sequence' | 'unreadable' | 'missing';
export type ChainCheck = { ok: true; records: number } | { ok: false; file: string; line: number; problem: ChainProblem };

/** The chain's end as last written, kept outside the log. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface AnchorStore {
  load(): AuditAnchor | null;
  save(anchor: AuditAnchor): void;
}

/** What the admin is told about the log: found at start, or a write failing now. */
export type AuditNotice = ConsoleNotice & { kind: 'audit_torn_tail' | 'audit_records_missing' | 'audit_unwritable' };

export interface AuditRetention {
  keepFiles: number;
  maxFileBytes: number;
  files: number;
  oldestSeq: number | null;
  oldestAt: number | null;
  newestSeq: number;
}

export interface AuditQuery {
  match?: (record: AuditRecord) => boolean;
  from?: number;
  to?: number;
  limit?: number;
}

export interface AuditOptions {
  anchor?: AnchorStore;
  /** Files kept (each up to `maxFileBytes`); older ones are removed. */
  keepFiles?: number;
  /** Appends to a file; a test makes it fail as a full disk would. */
  write?: (path: string, text: string) => void;
  /** The anchor is saved this long after a record, so a burst of records writes the settings once. */
  anchorDelayMs?: number;
}

const GENESIS = '0'.repeat(64);
export const DEFAULT_KEEP_FILES = 50;
/** Records held in memory while they cannot be written; past this they are counted, not kept. */
const MAX_HELD = 10_000;

function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, prev, console: c, role, action, cameraId, siteId, reason, detail, repeats, person } = record;
  const fields: unknown[] = [seq, at, prev, c, role, action, cameraId ?? null, siteId ?? null, reason ?? null, detail ?? null];
  // Only merged records carry a count, so every record written before merging keeps its hash.
  if (repeats !== undefined) fields.push(repeats);
  // Likewise a person: records from before named operators, and those of no one, keep their hash.
  if (person !== undefined) fields.push({ person: [person.id, person.name, person.badge, person.unit] });
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export class AuditLog {
  private last: AuditAnchor = { seq: 0, hash: GENESIS };
  private fileIndex = 1;
  private fileBytes = 0;
  private readonly held: string[] = [];
  private lost = 0;
  private failure: DiskFailure | null = null;
  private readonly startNotices: AuditNotice[] = [];
  private readonly write: (path: string, text: string) => void;
  private readonly keepFiles: number;
  private anchorTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dir: string,
    private readonly maxFileBytes = 4 * 1024 * 1024,
    private readonly now: () => number = Date.now,
    private readonly options: AuditOptions = {},
  ) {
    this.write = options.write ?? ((path, text) => appendFileSync(path, text, { mode: 0o600 }));
    this.keepFiles = options.keepFiles ?? DEFAULT_KEEP_FILES;
    const anchor = this.loadAnchor();
    try {
      this.open();
    } catch (error) {
      // The folder cannot be made or read: go on from the anchor, hold records until it can.
      this.failure = diskFailureOf(error);
      if (anchor) this.last = anchor;
    }
    if (!this.failure) this.checkAnchor(anchor);
    this.saveAnchor();
  }

  append(entry: AuditEntry): AuditRecord {
    const base = { ...entry, seq: this.last.seq + 1, at: this.now(), prev: this.last.hash };
    const record: AuditRecord = { ...base, hash: hashOf(base) };
    if (this.held.length >= MAX_HELD) {
      this.lost += 1;
      return record;
    }
    this.held.push(JSON.stringify(record) + '\n');
    this.last = { seq: record.seq, hash: record.hash };
    this.writeHeld();
    this.scheduleAnchor();
    return record;
  }

  /** What the admin should be told: what was found at start, and a write failing now. */
  notices(): AuditNotice[] {
    const failing: AuditNotice[] = this.failure
      ? [{ kind: 'audit_unwritable', path: this.dir, from: null, to: null, problem: this.failure.problem, detail: `${this.failure.detail} (${this.held.length} records waiting, ${this.lost} lost)`, at: this.now() }]
      : [];
    return [...this.startNotices, ...failing];
  }

  /** Every record, oldest first. */
  read(): AuditRecord[] {
    return auditFiles(this.dir).flatMap((file) => fileRecords(join(this.dir, file)));
  }

  /** Records newest first, reading files from the newest back only as far as the answer needs. */
  query({ match, from, to, limit = 1000 }: AuditQuery): AuditRecord[] {
    const found: AuditRecord[] = [];
    const files = auditFiles(this.dir);
    for (let i = files.length - 1; i >= 0 && found.length < limit; i--) {
      const path = join(this.dir, files[i]!);
      const first = firstRecord(path);
      if (to !== undefined && first && first.at > to) continue; // the whole file is after the window
      const records = fileRecords(path);
      for (let j = records.length - 1; j >= 0 && found.length < limit; j--) {
        const record = records[j]!;
        if ((from === undefined || record.at >= from) && (to === undefined || record.at <= to) && (!match || match(record))) found.push(record);
      }
      if (from !== undefined && first && first.at < from) break; // older files are all before the window
    }
    return found;
  }

  /** Walks the whole kept chain across every file; says where it first breaks. */
  verify(): ChainCheck {
    const mark = readRetentionMark(this.dir);
    let prev = mark?.hash ?? GENESIS;
    let seq = mark?.seq ?? 0;
    for (const file of auditFiles(this.dir)) {
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
        const linked = record.prev === prev;
        if ((!linked || record.seq !== seq + 1) && record.action === 'chain_restart') return { ok: false, file, line: index + 1, problem: 'missing' };
        if (!linked) return { ok: false, file, line: index + 1, problem: 'link' };
        if (record.seq !== seq + 1) return { ok: false, file, line: index + 1, problem: 'sequence' };
        if (hashOf(rest) !== hash) return { ok: false, file, line: index + 1, problem: 'hash' };
        prev = hash;
        seq = record.seq;
      }
    }
    return { ok: true, records: seq };
  }

  /** How much is kept, and from when: for the admin. */
  retention(): AuditRetention {
    const files = auditFiles(this.dir);
    const oldest = files[0] ? firstRecord(join(this.dir, files[0])) : null;
    return { keepFiles: this.keepFiles, maxFileBytes: this.maxFileBytes, files: files.length, oldestSeq: oldest?.seq ?? null, oldestAt: oldest?.at ?? null, newestSeq: this.last.seq };
  }

  /** Saves the anchor now (the console is stopping). */
  close(): void {
    if (this.anchorTimer) clearTimeout(this.anchorTimer);
    this.anchorTimer = null;
    this.saveAnchor();
  }

  /** Finds the chain's end, putting aside a half-written tail first. */
  private open(): void {
    ensurePrivateDir(this.dir);
    const files = auditFiles(this.dir);
    const newest = files.at(-1);
    if (!newest) return;
    this.fileIndex = auditFileIndex(newest);
    const path = join(this.dir, newest);
    const text = readFileSync(path, 'utf8');
    const { good, torn } = splitTornTail(text);
    this.fileBytes = Buffer.byteLength(good);
    const last = lastRecord(this.dir, files);
    if (last) this.last = { seq: last.seq, hash: last.hash };
    if (torn === '') return;
    const keptAt = join(this.dir, `${newest.replace(/\.jsonl$/, '')}.torn-${stampOf(this.now())}.txt`);
    writeFileSync(keptAt, torn, { mode: 0o600 });
    truncateSync(path, this.fileBytes);
    const bytes = Buffer.byteLength(torn);
    const detail = `${newest}: ${bytes} bytes after record ${this.last.seq} were not a whole record (kept in ${keptAt})`;
    this.startNotices.push({ kind: 'audit_torn_tail', path: keptAt, from: null, to: null, problem: null, detail, at: this.now() });
    this.append({ console: '-', role: 'operator', action: 'chain_restart', detail });
  }

  /** The anchor says where the chain ended when the console last wrote it: the log must still hold that record. */
  private checkAnchor(anchor: AuditAnchor | null): void {
    if (!anchor || anchor.seq === 0 || this.holds(anchor)) return;
    const found = this.last;
    const from = found.seq < anchor.seq ? found.seq + 1 : anchor.seq;
    const detail = `records ${from}–${anchor.seq} are missing: the settings anchor ${anchor.seq} ${anchor.hash.slice(0, 16)}…, the files end at ${found.seq}`;
    this.startNotices.push({ kind: 'audit_records_missing', path: this.dir, from, to: anchor.seq, problem: null, detail, at: this.now() });
    // Chained to the anchored record, not to what is left: `verify` then stops here and says records are missing.
    this.last = { seq: Math.max(found.seq, anchor.seq), hash: anchor.hash };
    this.append({ console: '-', role: 'operator', action: 'chain_restart', detail });
  }

  private holds(anchor: AuditAnchor): boolean {
    if (anchor.seq === this.last.seq) return anchor.hash === this.last.hash;
    if (anchor.seq > this.last.seq) return false;
    for (const file of auditFiles(this.dir).reverse()) {
      const first = firstRecord(join(this.dir, file));
      if (first && first.seq <= anchor.seq) return fileRecords(join(this.dir, file)).some((r) => r.seq === anchor.seq && r.hash === anchor.hash);
    }
    return false;
  }

  /** Writes the held records in order; on failure keeps them (and the reason) for the next try. */
  private writeHeld(): void {
    try {
      if (this.failure) ensurePrivateDir(this.dir);
      while (this.held.length > 0) {
        const line = this.held[0]!;
        if (this.fileBytes > 0 && this.fileBytes + line.length > this.maxFileBytes) {
          this.fileIndex += 1;
          this.fileBytes = 0;
        }
        this.write(join(this.dir, auditFileName(this.fileIndex)), line);
        this.fileBytes += Buffer.byteLength(line);
        this.held.shift();
        if (this.fileBytes === Buffer.byteLength(line)) this.applyRetention();
      }
      this.failure = null;
    } catch (error) {
      this.failure = diskFailureOf(error);
      return;
    }
    if (this.lost > 0) {
      const lost = this.lost;
      this.lost = 0;
      this.append({ console: '-', role: 'operator', action: 'records_lost', detail: `${lost} records could not be written and were not kept` });
    }
  }

  /** Removes the oldest files beyond `keepFiles`, first marking where the kept chain now starts. */
  private applyRetention(): void {
    const files = auditFiles(this.dir);
    const excess = files.length - this.keepFiles;
    if (excess <= 0) return;
    const first = firstRecord(join(this.dir, files[excess]!));
    if (!first) return;
    writeFileAtomic(join(this.dir, RETENTION_FILE), JSON.stringify({ seq: first.seq - 1, hash: first.prev }));
    for (const file of files.slice(0, excess)) rmSync(join(this.dir, file), { force: true });
  }

  private loadAnchor(): AuditAnchor | null {
    try {
      return this.options.anchor?.load() ?? null;
    } catch {
      return null;
    }
  }

  private scheduleAnchor(): void {
    if (!this.options.anchor || this.anchorTimer) return;
    this.anchorTimer = setTimeout(() => {
      this.anchorTimer = null;
      this.saveAnchor();
    }, this.options.anchorDelayMs ?? 1000);
    this.anchorTimer.unref();
  }

  /** Never throws (it runs from a timer): a settings file that cannot be written is said by the store. */
  private saveAnchor(): void {
    try {
      this.options.anchor?.save({ ...this.last });
    } catch {
      // kept in memory; the next record tries again
    }
  }
}
