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

const streamKey = (cameraId: string, profile: Profile) => `${cameraId}\u0000${profile}`;

/** One stream's segments, and them sorted oldest first until the next change. */
interface Stream {
  segments: Map<string, StoredSegment>;
  sorted: StoredSegment[] | null;
}

export class SegmentCatalog {
  private readonly segments = new Map<string, StoredSegment>();
  /**
   * The same segments by stream: /list and every /get ask for one stream, and with 16 cameras × 30
   * days picking one camera's 43 200 out of 691 200 and sorting them took longer than the answer may.
   */
  private readonly streams = new Map<string, Stream>();

  /** Forgets everything and reads the folder again. */
  async rebuild(root: string): Promise<void> {
    const found = await readAll(root);
    this.segments.clear();
    this.streams.clear();
    for (const segment of found) this.put(segment);
  }

  /** A segment a recorder just closed (or repaired): read from its sidecar. */
  async add(path: string): Promise<void> {
    const name = parseSegmentFileName(basename(path));
    if (!name) return;
    const segment = await readSegment(path, basename(path), name.startedAt);
    if (segment) this.put({ path, cameraId: name.cameraId, profile: name.profile, startedAt: segment.startedAt, endedAt: segment.endedAt, bytes: segment.bytes });
  }

  remove(path: string): void {
    const segment = this.segments.get(path);
    if (!segment) return;
    this.segments.delete(path);
    const stream = this.streams.get(streamKey(segment.cameraId, segment.profile))!;
    stream.segments.delete(path);
    stream.sorted = null;
  }

  all(): StoredSegment[] {
    return [...this.segments.values()];
  }

  /** One stream's segments, oldest first. */
  of(cameraId: string, profile: Profile): StoredSegment[] {
    const stream = this.streams.get(streamKey(cameraId, profile));
    if (!stream) return [];
    stream.sorted ??= [...stream.segments.values()].sort((a, b) => a.startedAt - b.startedAt);
    return [...stream.sorted];
  }

  private put(segment: StoredSegment): void {
    this.remove(segment.path); // read again (a repaired segment): counted once, in its stream
    this.segments.set(segment.path, segment);
    const key = streamKey(segment.cameraId, segment.profile);
    let stream = this.streams.get(key);
    if (!stream) this.streams.set(key, (stream = { segments: new Map(), sorted: null }));
    stream.segments.set(segment.path, segment);
    stream.sorted = null;
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
