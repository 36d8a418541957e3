/**
 * Writing a file so that a crash or a power cut leaves either the old content or the new, never
 * half of each: write a temporary file beside it, flush it to disk, then rename over the target.
 * Both forms then flush the directory, so the rename itself survives the power cut, not only the
 * bytes: without it a cut can bring back the old file (a setting undone, an audit retention mark
 * lost). The async form is for the recorder's sidecars, written on the main loop every minute a camera.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** A new name beside `path`, unique per process and call, so two writes of one file never share it. */
const temporaryBeside = (path: string) => `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/** A temporary `writeFileAtomic`/`writeFileDurable` left behind by a process that died mid-write: its pid, or null for any other name. */
export function leftTemporaryPid(name: string): number | null {
  const match = /\.tmp-(\d+)-[0-9a-f]{8}$/.exec(name);
  return match ? Number(match[1]) : null;
}

export function writeFileAtomic(path: string, text: string, { mode = 0o600, syncFolder = syncDirectorySync }: { mode?: number; syncFolder?: (dir: string) => void } = {}): void {
  const temporary = temporaryBeside(path);
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  syncFolder(dirname(path));
}

/** `syncDirectory` for the synchronous writers (settings, backups, audit retention); the same exceptions. */
export function syncDirectorySync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return; // Windows cannot open a directory; NTFS journals the rename itself
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM where directories cannot be flushed: the file's bytes are on disk already.
  } finally {
    closeSync(fd);
  }
}

/** The file calls `writeFileDurable` makes; tests watch their order (it is what a power cut keeps). */
export interface DurableFileIo {
  open(path: string, flags: string, mode?: number): Promise<Pick<FileHandle, 'writeFile' | 'sync' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const REAL_IO: DurableFileIo = { open, rename, remove: (path) => rm(path, { force: true }) };

/** `writeFileAtomic` without blocking the main loop, and with the directory flushed after the rename. */
export async function writeFileDurable(path: string, text: string, { mode = 0o600, io = REAL_IO }: { mode?: number; io?: DurableFileIo } = {}): Promise<void> {
  const temporary = temporaryBeside(path);
  const file = await io.open(temporary, 'wx', mode);
  try {
    await file.writeFile(text);
    await file.sync();
  } catch (error) {
    await file.close();
    await io.remove(temporary);
    throw error;
  }
  await file.close();
  await io.rename(temporary, path);
  await syncDirectory(dirname(path), io);
}

/**
 * Flushes a directory's entries (a rename into it). Windows cannot open a directory (NTFS journals
 * the rename itself) and some file systems refuse fsync on one: the file's bytes are on disk
 * already, so those are let be.
 */
async function syncDirectory(dir: string, io: DurableFileIo): Promise<void> {
  const handle = await io.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR/EPERM where directories cannot be flushed: nothing more can be done here.
  } finally {
    await handle.close();
  }
}
