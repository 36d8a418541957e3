/**
 * Picks the path a new evidence file goes to: the camera's name and the local time, numbered
 * when that name is taken. A name is taken when its media, or the manifest that shares its stem,
 * exists on disk or is being written right now by this console (a snapshot and a clip of one
 * camera in the same second would otherwise share one manifest).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { evidenceStem, localOffsetMinutes, numberedStem } from '../domain/fileNames.js';

const exists = (path: string) => access(path).then(() => true, () => false);

export class EvidencePaths {
  /** Stems handed out whose manifest is not written yet. */
  private readonly pending = new Set<string>();

  /** A free path for `cameraName`'s file at `at`; release it once its manifest exists (or it failed). */
  async reserve(folder: string, cameraName: string, at: number, extension: 'jpg' | 'mp4'): Promise<{ path: string; release: () => void }> {
    const base = evidenceStem(cameraName, at, localOffsetMinutes(at));
    for (let n = 1; ; n++) {
      const stem = numberedStem(base, n);
      const key = join(folder, stem);
      if (this.pending.has(key)) continue;
      this.pending.add(key);
      if ((await exists(`${key}.json`)) || (await exists(`${key}.${extension}`))) {
        this.pending.delete(key);
        continue;
      }
      return { path: `${key}.${extension}`, release: () => this.pending.delete(key) };
    }
  }
}
