/**
 * One segment's `.part` on disk, written by main itself: the init, then each whole fragment, every
 * one a single write at its place (a `pwritev` of its parts: the pictures are never joined first), in order, on libuv's pool, so the session's fan-out never waits
 * on the disk. What a kill leaves is whole fragments and at most one cut off at the end, which the
 * repair removes. What a power cut leaves is what reached the disk: the file is flushed
 * (fdatasync) a second after the last flush began if anything was written since, and once more
 * before a clean close, so a power cut loses at most about two seconds (the fragment being
 * gathered, and at most a second of written but unflushed fragments) rather than whatever the
 * kernel had not yet written back (30 s and more). The queue is bounded: a disk that stalls (a write or a flush that does not return) ends
 * the segment rather than holding the camera's frames in memory.
 */
import { close, fdatasync, fsync, open, openSync, writev } from 'node:fs';
import { dirname } from 'node:path';
import { PART_SUFFIX } from './segmentName.js';

/** The disk fell this far behind: the segment is ended rather than hold memory. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;
/** At most one flush a second: what a power cut may lose beyond the fragment being gathered. */
export const SYNC_INTERVAL_MS = 1000;

export interface SegmentFileEnd {
  /** Every byte given was written and the file closed: it is whole. */
  clean: boolean;
  /** Why it is not (the system's error: ENOSPC is a full disk). */
  error: NodeJS.ErrnoException | null;
  bytes: number;
}

export class DiskStalledError extends Error {
  readonly code = 'ESTALLED';
}

/** A write that took nothing and said no error: asking again would loop for ever. */
export class NothingWrittenError extends Error {
  readonly code = 'EZEROWRITE';
}

/** The file calls it makes, all on libuv's pool; tests wrap them to see or fake what the disk does. */
export interface SegmentFileIo {
  writev: (fd: number, buffers: readonly Buffer[], position: number, callback: (error: NodeJS.ErrnoException | null, written: number) => void) => void;
  fdatasync: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
  close: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
}

const NODE_IO: SegmentFileIo = { writev, fdatasync, close };

export class SegmentFile {
  readonly partPath: string;
  /** Bytes on disk so far (whole writes only). */
  bytesWritten = 0;
  /** Bytes flushed to the disk itself (what a power cut keeps), and how many flushes it took. */
  bytesSynced = 0;
  syncs = 0;
  /** When the last flush began (it covers what was written before). */
  private lastSyncAt: number;
  /** Brings the next flush when its second is up and no write comes to bring it. */
  private syncTimer: NodeJS.Timeout | null = null;
  private readonly fd: number;
  /** Each entry one write: a fragment's parts, in order. */
  private queue: (readonly Buffer[])[] = [];
  private pendingBytes = 0;
  private writing = false;
  private ending = false;
  private error: NodeJS.ErrnoException | null = null;
  private closing = false;
  private resolveEnded!: (end: SegmentFileEnd) => void;
  readonly ended = new Promise<SegmentFileEnd>((resolve) => (this.resolveEnded = resolve));

  /** Creates `<path>.part` (never over an existing file). Throws when it cannot be made. */
  constructor(
    readonly path: string,
    /** Told once when a write fails while the segment is open, so it ends at once. */
    private readonly onFailure: (error: NodeJS.ErrnoException) => void,
    private readonly io: SegmentFileIo = NODE_IO,
  ) {
    this.partPath = path + PART_SUFFIX;
    this.fd = openSync(this.partPath, 'wx');
    this.lastSyncAt = Date.now();
    syncFolderOf(this.partPath);
  }

  /** Queues bytes (a fragment's parts: written as one); false once the file takes no more (a failed write, a stalled disk, or finished). */
  write(chunk: Buffer | readonly Buffer[]): boolean {
    if (this.ending || this.error) return false;
    const parts = Buffer.isBuffer(chunk) ? [chunk] : chunk;
    const length = byteLength(parts);
    if (this.pendingBytes + length > MAX_PENDING_BYTES) {
      this.fail(new DiskStalledError(`the disk has not taken ${this.pendingBytes} bytes of this segment`));
      return false;
    }
    this.queue.push(parts);
    this.pendingBytes += length;
    this.pump();
    return true;
  }

  /** Writes what is queued, flushes it, then closes the file; settles with how it ended. */
  finish(): Promise<SegmentFileEnd> {
    this.ending = true;
    this.pump();
    return this.ended;
  }

  private pump(): void {
    if (this.writing) return;
    if (!this.error && this.bytesSynced < this.bytesWritten) {
      if (this.syncDue()) return this.sync();
      if (this.queue.length === 0) this.syncLater();
    }
    const chunk = this.error ? undefined : this.queue.shift();
    if (!chunk) {
      if (this.ending || this.error) this.close();
      return;
    }
    this.writing = true;
    const length = byteLength(chunk);
    this.writeAll(chunk, 0, (error) => {
      this.writing = false;
      this.pendingBytes -= length;
      if (error) this.fail(error);
      else this.bytesWritten += length;
      this.pump();
    });
  }

  /**
   * Once all queued is written: a second after the last flush began, or at once when the file is
   * about to close. A disk that never catches up is flushed every other second all the same.
   */
  private syncDue(): boolean {
    const since = Date.now() - this.lastSyncAt;
    if (this.queue.length > 0) return since >= 2 * SYNC_INTERVAL_MS;
    return since >= SYNC_INTERVAL_MS || this.ending;
  }

  private syncLater(): void {
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      this.pump();
    }, Math.max(0, this.lastSyncAt + SYNC_INTERVAL_MS - Date.now()));
  }

  /** One flush in the queue's turn (never beside a write): its failure ends the segment as a write's would. */
  private sync(): void {
    this.writing = true;
    this.lastSyncAt = Date.now();
    const upTo = this.bytesWritten;
    this.io.fdatasync(this.fd, (error) => {
      this.writing = false;
      if (error) this.fail(error);
      else {
        this.bytesSynced = upTo;
        this.syncs += 1;
      }
      this.pump();
    });
  }

  /** A regular file may take a write in parts (the last bytes before a full disk): the rest follows, or its error. */
  private writeAll(parts: readonly Buffer[], done: number, callback: (error: NodeJS.ErrnoException | null) => void): void {
    const left = byteLength(parts);
    this.io.writev(this.fd, parts, this.bytesWritten + done, (error, written) => {
      if (error) return callback(error);
      if (written <= 0) return callback(new NothingWrittenError(`the disk took 0 of ${left} bytes`));
      if (written < left) return this.writeAll(after(parts, written), done + written, callback);
      callback(null);
    });
  }

  private fail(error: NodeJS.ErrnoException): void {
    if (this.error) return;
    this.error = error;
    this.queue = [];
    if (!this.ending) this.onFailure(error);
    if (!this.writing) this.close();
  }

  private close(): void {
    if (this.closing) return;
    this.closing = true;
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
    this.io.close(this.fd, (error) => {
      const failure = this.error ?? error;
      this.resolveEnded({ clean: failure === null, error: failure, bytes: this.bytesWritten });
    });
  }
}

const byteLength = (parts: readonly Buffer[]) => parts.reduce((sum, part) => sum + part.length, 0);

/** What is left of `parts` once their first `bytes` are written. */
export function after(parts: readonly Buffer[], bytes: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = bytes;
  for (const part of parts) {
    if (skip >= part.length) skip -= part.length;
    else {
      rest.push(skip > 0 ? part.subarray(skip) : part);
      skip = 0;
    }
  }
  return rest;
}

/**
 * The new file's name is made durable too (a flushed file whose folder entry was lost is lost
 * whole). Once a segment, in the background; a file system that cannot flush a folder says so
 * (EINVAL), and a journaling one (ext4) commits the entry with the file's first flush anyway.
 */
function syncFolderOf(path: string): void {
  open(dirname(path), 'r', (error, fd) => {
    if (error) return;
    fsync(fd, () => close(fd, () => {}));
  });
}
