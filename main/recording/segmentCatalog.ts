/**
 * Every finished segment of the recording folder, kept in memory: built behind the console's
 * start (never before it: 16 cameras × 30 days is 691 200 sidecars, three minutes of reading,
 * and a duty officer waits for no wall after a power cut), then told of each segment a recorder
 * closes and each one retention deletes.
 *
 * Built in two passes per stream. First the names: one readdir, and the names are the source of
 * truth for what was recorded when, so a query for a range answers from them at once, reading only
 * the sidecars in that range. Then every sidecar (end, bytes), with a bounded number read at once,
 * for retention and /list. A query never waits for the whole folder: only for its own stream's
 * names, or (footage) its own stream's sidecars, read ahead of the others when asked.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PROFILES, type Profile } from '../../preload/api.js';
import type { StoredSegment } from './retention.js';
import { inTurn, readSegment, type Segment } from './segmentIndex.js';
import { parseSegmentFileName, segmentFilesBetween, segmentFolder } from './segmentName.js';

const streamKey = (cameraId: string, profile: Profile) => `${cameraId}\u0000${profile}`;

/** A segment is at most a few minutes long: one that starts an hour before a range cannot reach it. */
const LONGEST_SEGMENT_MS = 3600_000;

/** Reads one segment's sidecar (or measures it without one); the fs boundary, injectable to count reads. */
export type SegmentReader = (path: string, file: string, startedAt: number) => Promise<Segment | null>;

/** One stream: its segments' names (start from the name), and those whose sidecar is read. */
interface Stream {
  cameraId: string;
  profile: Profile;
  /** path → start from its name, every finished segment known. */
  names: Map<string, number>;
  namesSorted: { path: string; file: string; startedAt: number }[] | null;
  segments: Map<string, StoredSegment>;
  sorted: StoredSegment[] | null;
  listed: Promise<void> | null;
  detailed: Promise<void> | null;
}

export class SegmentCatalog {
  private readonly streams = new Map<string, Stream>();
  private stopped = false;
  /** Every stream's sidecars were read (not stopped half-way): what retention may decide from. */
  complete = false;
  private building: Promise<void> | null = null;

  constructor(
    private readonly root: string,
    private readonly read: SegmentReader = readSegment,
  ) {}

  /** Starts reading the folder behind whoever asked; `whole` says when every sidecar is read. */
  build(): Promise<void> {
    this.building ??= this.buildAll();
    return this.building;
  }

  /** Resolves once every segment on disk at start is known with its sidecar: retention waits for it. */
  get whole(): Promise<void> {
    return this.build();
  }

  /** Stops reading (the folder changed or the console closes): the reads in flight end by themselves, and `complete` stays false. */
  stop(): void {
    this.stopped = true;
  }

  /** A segment a recorder just closed (or repaired): read from its sidecar. */
  async add(path: string): Promise<void> {
    const name = parseSegmentFileName(basename(path));
    // A recorder of the folder before a settings change closes its last segment there: not this folder's.
    if (!name || dirname(path) !== segmentFolder(this.root, name.cameraId, name.profile)) return;
    const stream = this.stream(name.cameraId, name.profile);
    this.putName(stream, path, name.startedAt);
    const segment = await this.read(path, basename(path), name.startedAt);
    if (segment && stream.names.has(path)) this.putDetail(stream, path, segment);
  }

  remove(path: string): void {
    const name = parseSegmentFileName(basename(path));
    if (!name) return;
    const stream = this.streams.get(streamKey(name.cameraId, name.profile));
    if (!stream) return;
    if (stream.names.delete(path)) stream.namesSorted = null;
    if (stream.segments.delete(path)) stream.sorted = null;
  }

  /** Every segment whose sidecar is read; all of them once `whole` resolved. */
  all(): StoredSegment[] {
    return [...this.streams.values()].flatMap((stream) => [...stream.segments.values()]);
  }

  /** One stream's segments, oldest first, each with its end and size: waits for that stream's sidecars (read ahead when asked). */
  async of(cameraId: string, profile: Profile): Promise<StoredSegment[]> {
    const stream = this.stream(cameraId, profile);
    await this.detail(stream);
    stream.sorted ??= [...stream.segments.values()].sort((a, b) => a.startedAt - b.startedAt);
    return [...stream.sorted];
  }

  /**
   * One stream's segments overlapping [from, to) with their sidecars' detail, oldest first: the
   * names say which, and only their sidecars are read (a day is 1440 of a month's 43 200).
   */
  async between(cameraId: string, profile: Profile, from: number, to: number): Promise<Segment[]> {
    const stream = this.stream(cameraId, profile);
    await this.list(stream);
    stream.namesSorted ??= [...stream.names].map(([path, startedAt]) => ({ path, file: basename(path), startedAt })).sort((a, b) => a.startedAt - b.startedAt);
    const sorted = stream.namesSorted;
    const first = lowerBound(sorted, from - LONGEST_SEGMENT_MS);
    const end = lowerBound(sorted, to);
    const segments = await inTurn(sorted.slice(first, end), ({ path, file, startedAt }) => this.read(path, file, startedAt));
    return segments.filter((segment): segment is Segment => segment !== null && segment.endedAt > from);
  }

  private async buildAll(): Promise<void> {
    let cameras: string[];
    try {
      cameras = await readdir(this.root);
    } catch {
      this.complete = true;
      return; // no folder yet: nothing recorded
    }
    const streams = cameras.flatMap((cameraId) => PROFILES.map((profile) => this.stream(cameraId, profile)));
    // Names of every stream first (a readdir each), so any range query answers before the sidecars are read.
    for (const stream of streams) {
      if (this.stopped) return;
      await this.list(stream);
    }
    for (const stream of streams) {
      if (this.stopped) return;
      await this.detail(stream);
    }
    this.complete = !this.stopped;
  }

  private stream(cameraId: string, profile: Profile): Stream {
    const key = streamKey(cameraId, profile);
    let stream = this.streams.get(key);
    if (!stream) this.streams.set(key, (stream = { cameraId, profile, names: new Map(), namesSorted: null, segments: new Map(), sorted: null, listed: null, detailed: null }));
    return stream;
  }

  /** The stream's names, read once. */
  private list(stream: Stream): Promise<void> {
    stream.listed ??= (async () => {
      const dir = segmentFolder(this.root, stream.cameraId, stream.profile);
      let files: string[];
      try {
        files = await readdir(dir);
      } catch {
        return; // this camera has no such profile
      }
      for (const { file, name } of segmentFilesBetween(files, stream.cameraId, stream.profile)) this.putName(stream, join(dir, file), name.startedAt);
    })();
    return stream.listed;
  }

  /** The stream's sidecars, read once, a bounded number at once (more open files than a process may have failed: EMFILE). */
  private detail(stream: Stream): Promise<void> {
    stream.detailed ??= (async () => {
      await this.list(stream);
      const unread = [...stream.names].filter(([path]) => !stream.segments.has(path));
      await inTurn(unread, async ([path, startedAt]) => {
        if (this.stopped) return;
        const segment = await this.read(path, basename(path), startedAt);
        // Deleted meanwhile (by retention, after a recorder's add): not put back.
        if (segment && stream.names.has(path)) this.putDetail(stream, path, segment);
      });
    })();
    return stream.detailed;
  }

  private putName(stream: Stream, path: string, startedAt: number): void {
    if (stream.names.get(path) === startedAt) return;
    stream.names.set(path, startedAt);
    stream.namesSorted = null;
  }

  private putDetail(stream: Stream, path: string, segment: Segment): void {
    stream.segments.set(path, { path, cameraId: stream.cameraId, profile: stream.profile, startedAt: segment.startedAt, endedAt: segment.endedAt, bytes: segment.bytes });
    stream.sorted = null;
  }
}

/** The first index whose start is at or after `at`, in names sorted by start. */
function lowerBound(sorted: readonly { startedAt: number }[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.startedAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
