/** Why evidence could not be written, in words the UI can turn into a sentence. */
export type EvidenceProblem = 'disk_full' | 'no_permission' | 'camera_not_live' | 'ffmpeg_failed';

export class EvidenceError extends Error {
  constructor(
    readonly problem: EvidenceProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads an errno or ffmpeg's stderr for the two problems a clerk can fix. */
export function problemOf(text: string, code?: string): EvidenceProblem {
  if (code === 'ENOSPC' || /No space left on device/i.test(text)) return 'disk_full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /Permission denied|Read-only file system/i.test(text)) return 'no_permission';
  return 'ffmpeg_failed';
}
