/**
 * Why a file or folder could not be written, in the few words a clerk can act on: the disk is
 * full, the console may not write there, or the folder is missing (or a file stands in its way).
 */
import { chmodSync, mkdirSync } from 'node:fs';
import type { DiskProblem } from '../../preload/api.js';

export type { DiskProblem };

export interface DiskFailure {
  problem: DiskProblem;
  /** The system's own words (errno and path), for the details view. */
  detail: string;
}

export function diskProblemOf(code: string | undefined): DiskProblem {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'no_permission';
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') return 'no_folder';
  return 'failed';
}

export function diskFailureOf(error: unknown): DiskFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return { problem: diskProblemOf(code), detail: error instanceof Error ? error.message : String(error) };
}

/** Makes a folder (and its parents) readable by this user only, tightening one that exists. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}
