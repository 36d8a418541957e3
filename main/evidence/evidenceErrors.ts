/** Why evidence could not be written, in words the UI can turn into a sentence. */
import { diskProblemOf } from '../store/diskProblem.js';

export type EvidenceProblem =
  | 'disk_full'
  | 'no_permission'
  | 'no_folder'
  | 'camera_not_live'
  | 'ffmpeg_failed'
  // Copying out: a different file of that name is already there; the copy did not hash as recorded.
  | 'copy_exists'
  | 'copy_mismatch'
  | 'not_found'
  // Exporting: nothing of the cameras was recorded in the range.
  | 'nothing_recorded';

export class EvidenceError extends Error {
  constructor(
    readonly problem: EvidenceProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads an errno or ffmpeg's stderr for the problems a clerk can fix. */
export function problemOf(text: string, code?: string): EvidenceProblem {
  const disk = diskProblemOf(code);
  if (disk !== 'failed') return disk;
  if (/No space left on device/i.test(text)) return 'disk_full';
  if (/Permission denied|Read-only file system/i.test(text)) return 'no_permission';
  if (/No such file or directory|Not a directory/i.test(text)) return 'no_folder';
  return 'ffmpeg_failed';
}

/**
 * ffmpeg ended without its file. Exit 126/127 is its launcher (setpriv) saying ffmpeg itself could
 * not be started: its "No such file or directory" names ffmpeg, not the evidence folder.
 */
export function ffmpegExitError(stderr: string, code: number | null): EvidenceError {
  const problem = code === 126 || code === 127 ? 'ffmpeg_failed' : problemOf(stderr);
  return new EvidenceError(problem, stderr.trim() || `ffmpeg exited with ${code}`);
}

/** ffmpeg could not be started at all: its errno is about the program, never about the folder. */
export function ffmpegSpawnError(error: Error): EvidenceError {
  return new EvidenceError('ffmpeg_failed', String(error));
}

/** A system error met while saving evidence, as an EvidenceError (one already is stays as it is). */
export function evidenceErrorOf(error: unknown, path: string): EvidenceError {
  if (error instanceof EvidenceError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new EvidenceError(problemOf(String(error), code), `${path}: ${error instanceof Error ? error.message : String(error)}`);
}
