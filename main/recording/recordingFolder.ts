/**
 * Whether this console can record into a folder an admin typed, checked in main before the
 * settings take it: a full path, made if missing, and written to for real (a probe file written,
 * synced and removed), since a folder that looks fine can still refuse (read-only mount, quota, a
 * file where the folder should be).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { diskFailureOf } from '../store/diskProblem.js';

/** Why a folder was refused; each has a `settings.problem.<name>` sentence. */
export type FolderRefusal = 'not_absolute' | 'cannot_write' | 'folder_full';

export type FolderCheck = { ok: true } | { ok: false; problem: FolderRefusal; detail: string };

export async function checkRecordingFolder(folder: string): Promise<FolderCheck> {
  // A relative path would follow wherever the console happened to be started from.
  if (!isAbsolute(folder)) return { ok: false, problem: 'not_absolute', detail: folder };
  const probe = join(folder, `.village-wall-probe-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(folder, { recursive: true });
    const file = await open(probe, 'wx');
    try {
      await file.writeFile(Buffer.alloc(64 * 1024)); // about one fragment: a disk with less room cannot record
      await file.sync();
    } finally {
      await file.close();
    }
    return { ok: true };
  } catch (error) {
    const { problem, detail } = diskFailureOf(error);
    return { ok: false, problem: problem === 'disk_full' ? 'folder_full' : 'cannot_write', detail };
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}
