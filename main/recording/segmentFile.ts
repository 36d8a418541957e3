/**
 * One segment's `.part` on disk, written by main itself: the init, then each whole fragment, every
 * one a single write at its place, in order, on libuv's pool, so the session's fan-out never waits
 * on the disk. What a kill leaves is whole fragments and at most one cut off at the end, which the
 * repair removes. The queue is bounded: a disk that stalls ends the segment rather than holding the
 * camera's frames in memory.
 */
import { close, openSync, write } from 'node:fs';
import { PART_SUFFIX } from './segmentName.js';

/** The disk fell this far behind: the segment is ended rather than hold memory. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;

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

export class SegmentFile {
  readonly partPath: string;
  /** Bytes on disk so far (whole writes only). */
  bytesWritten = 0;
  private readonly fd: number;
  private queue: Buffer[] = [];
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
  ) {
    this.partPath = path + PART_SUFFIX;
    this.fd = openSync(this.partPath, 'wx');
  }

  /** Queues bytes; false once the file takes no more (a failed write, a stalled disk, or finished). */
  write(chunk: Buffer): boolean {
    if (this.ending || this.error) return false;
    if (this.pendingBytes + chunk.length > MAX_PENDING_BYTES) {
      this.fail(new DiskStalledError(`the disk has not taken ${this.pendingBytes} bytes of this segment`));
      return false;
    }
    this.queue.push(chunk);
    this.pendingBytes += chunk.length;
    this.pump();
    return true;
  }

  /** Writes what is queued, then closes the file; settles with how it ended. */
  finish(): Promise<SegmentFileEnd> {
    this.ending = true;
    this.pump();
    return this.ended;
  }

  private pump(): void {
    if (this.writing) return;
    const chunk = this.error ? undefined : this.queue.shift();
    if (!chunk) {
      if (this.ending || this.error) this.close();
      return;
    }
    this.writing = true;
    this.writeAll(chunk, 0, (error) => {
      this.writing = false;
      this.pendingBytes -= chunk.length;
      if (error) this.fail(error);
      else this.bytesWritten += chunk.length;
      this.pump();
    });
  }

  /** A regular file may take a write in parts (the last bytes before a full disk): the rest follows, or its error. */
  private writeAll(chunk: Buffer, done: number, callback: (error: NodeJS.ErrnoException | null) => void): void {
    write(this.fd, chunk, done, chunk.length - done, this.bytesWritten + done, (error, written) => {
      if (error) return callback(error);
      if (done + written < chunk.length) return this.writeAll(chunk, done + written, callback);
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
    close(this.fd, (error) => {
      const failure = this.error ?? error;
      this.resolveEnded({ clean: failure === null, error: failure, bytes: this.bytesWritten });
    });
  }
}
