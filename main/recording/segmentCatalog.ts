/**
 * Every finished segment of the recording folder, kept in memory for the retention sweep: read
 * from the files (names and sidecars) once at start-up or when the folder changes, then told of
 * each segment a recorder closes and each one retention deletes. A sweep every 30 s over 16
 * cameras × 30 days would otherwise read some 700 000 sidecars each time.
 */
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { PROFILES, type Profile } from '../../preload/api.js';
import type { StoredSegment } from './retention.js';
import { listSegments, readSegment } from './segmentIndex.js';
import { parseSegmentFileName } from './segmentName.js';

export class SegmentCatalog {
  private readonly segments = new Map<string, StoredSegment>();

  /** Forgets everything and reads the folder again. */
  async rebuild(root: string): Promise<void> {
    const found = await readAll(root);
    this.segments.clear();
    for (const segment of found) this.segments.set(segment.path, segment);
  }

  /** A segment a recorder just closed (or repaired): read from its sidecar. */
  async add(path: string): Promise<void> {
    const name = parseSegmentFileName(basename(path));
    if (!name) return;
    const segment = await readSegment(path, basename(path), name.startedAt);
    if (segment) this.segments.set(path, { path, cameraId: name.cameraId, profile: name.profile, startedAt: segment.startedAt, endedAt: segment.endedAt, bytes: segment.bytes });
  }

  remove(path: string): void {
    this.segments.delete(path);
  }

  all(): StoredSegment[] {
    return [...this.segments.values()];
  }

  /** One stream's segments, oldest first. */
  of(cameraId: string, profile: Profile): StoredSegment[] {
    return this.all()
      .filter((segment) => segment.cameraId === cameraId && segment.profile === profile)
      .sort((a, b) => a.startedAt - b.startedAt);
  }
}

/** Every finished segment under the folder, for every camera and profile. */
async function readAll(root: string): Promise<StoredSegment[]> {
  let cameras: string[];
  try {
    cameras = await readdir(root);
  } catch {
    return [];
  }
  // One stream after another: each reads a bounded number of sidecars at once (listSegments).
  const found: StoredSegment[] = [];
  for (const cameraId of cameras) {
    for (const profile of PROFILES) {
      for (const { path, startedAt, endedAt, bytes } of await listSegments(root, cameraId, profile)) found.push({ path, cameraId, profile, startedAt, endedAt, bytes });
    }
  }
  return found;
}
