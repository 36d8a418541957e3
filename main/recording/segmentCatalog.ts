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
 *
 * A stream's folder is where a power cut leaves its `.part`: each is repaired as the folder is
 * first listed, before anything of that stream is read (the recording service starts a stream's
 * recorder only once its folder is listed, so no `.part` of this console is there yet). Start-up
 * lists nothing itself: a month is 1.4 million entries.
 *
 * Sidecars read for a range are kept, a bounded number (KEPT_DETAILS), so the timeline asking again
 * as it pans reads only what it did not have. A segment whose file is found gone (a clerk cleared
 * a folder by hand) is dropped: the timeline shows a gap there rather than footage /get cannot read.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PROFILES, type Profile } from '../../preload/api.js';
import { repairLeftovers, type Repair } from './partRepair.js';
import type { StoredSegment } from './retention.js';
import { inTurn, readSegment, type Segment } from './segmentIndex.js';
import { parseSegmentFileName, segmentFilesBetween, segmentFolder } from './segmentName.js';

const streamKey = (cameraId: string, profile: Profile) => `${cameraId}\u0000${profile}`;

/** A segment is at most a few minutes long: one that starts an hour before a range cannot reach it. */
const LONGEST_SEGMENT_MS = 3600_000;

/** Reads one segment's sidecar (or measures it without one); the fs boundary, injectable to count reads. */
export type SegmentReader = (path: string, file: string, startedAt: number) => Promise<Segment | null>;

/** Lists one folder's names; the fs boundary, injectable to count (and hold) what is listed. */
export type FolderLister = (dir: string) => Promise<string[]>;

export interface CatalogOptions {
  read?: SegmentReader;
  list?: FolderLister;
  /** Each `.part` a crash left, repaired (or removed, nothing whole in it) as its stream was listed. */
  repaired?: (repair: Repair) => void;
  /** A `.part` that could not be repaired (left as it is, not listed). */
  repairFailed?: (partPath: string, error: unknown) => void;
}

/**
 * Sidecars kept once read. A 60 s segment's detail (60 bytes-per-second and 60 keyframe times,
 * with its path) takes about 1.6 KB of heap (node 20, measured), so a month of 16 cameras (691 200)
 * would take 1.1 GB: 10 000 kept is about 16 MB, five times what the timeline of 16 cameras over
 * an hour asks at once (1 920 with its margins).
 */
export const KEPT_DETAILS = 10_000;

/** What a stream's names say before its sidecars are read: where its footage starts and how many segments. */
export interface NamedStream {
  cameraId: string;
  profile: Profile;
  oldest: number;
  segments: number;
}

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
  /** Its folder was listed and repaired: a recorder may write there now. */
  ready: boolean;
  detailed: Promise<void> | null;
}

export class SegmentCatalog {
  private readonly streams = new Map<string, Stream>();
  private stopped = false;
  /** Every stream's sidecars were read (not stopped half-way): what retention may decide from. */
  complete = false;
  private building: Promise<void> | null = null;
  private readonly read: SegmentReader;
  private readonly listFolder: FolderLister;
  /** Sidecars read for ranges, least recently asked first (a Map keeps insertion order). */
  private readonly kept = new Map<string, Segment>();

  constructor(
    private readonly root: string,
    private readonly options: CatalogOptions = {},
  ) {
    this.read = options.read ?? readSegment;
    this.listFolder = options.list ?? ((dir) => readdir(dir));
  }

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

  /**
   * Resolves once the stream's folder is listed and what a crash left there repaired: the
   * recording service starts the stream's recorder only then.
   */
  prepare(cameraId: string, profile: Profile): Promise<void> {
    return this.list(this.stream(cameraId, profile));
  }

  /** Whether `prepare` resolved for the stream. */
  prepared(cameraId: string, profile: Profile): boolean {
    return this.streams.get(streamKey(cameraId, profile))?.ready ?? false;
  }

  /** A segment a recorder just closed (or repaired): read from its sidecar. */
  async add(path: string): Promise<void> {
    const name = parseSegmentFileName(basename(path));
    // A recorder of the folder before a settings change closes its last segment there: not this folder's.
    if (!name || dirname(path) !== segmentFolder(this.root, name.cameraId, name.profile)) return;
    const stream = this.stream(name.cameraId, name.profile);
    this.putName(stream, path, name.startedAt);
    this.kept.delete(path); // read afresh: a repaired segment's figures change
    const segment = await this.read(path, basename(path), name.startedAt);
    if (segment && stream.names.has(path)) this.putDetail(stream, path, segment);
  }

  remove(path: string): void {
    const name = parseSegmentFileName(basename(path));
    this.kept.delete(path);
    if (!name) return;
    const stream = this.streams.get(streamKey(name.cameraId, name.profile));
    if (!stream) return;
    if (stream.names.delete(path)) stream.namesSorted = null;
    if (stream.segments.delete(path)) stream.sorted = null;
  }

  /**
   * A read found the segment's file gone (a clerk cleared a folder by hand, or a disk was
   * swapped): it is dropped if it is really gone, so the timeline shows a gap and /list, /get
   * and retention no longer count it. A file that is there but could not be read stays.
   */
  async gone(path: string): Promise<boolean> {
    const missing = await stat(path).then(
      () => false,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR',
    );
    if (missing) this.remove(path);
    return missing;
  }

  /** Every stream whose names are listed, with its oldest footage and count: known long before the sidecars are. */
  named(): NamedStream[] {
    const named: NamedStream[] = [];
    for (const stream of this.streams.values()) {
      const sorted = this.namesOf(stream);
      if (sorted.length > 0) named.push({ cameraId: stream.cameraId, profile: stream.profile, oldest: sorted[0]!.startedAt, segments: sorted.length });
    }
    return named;
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
    const sorted = this.namesOf(stream);
    const first = lowerBound(sorted, from - LONGEST_SEGMENT_MS);
    const start = lowerBound(sorted, from);
    const end = lowerBound(sorted, to);
    // Of those starting before the range only one still running at `from` belongs: once the
    // catalog read a segment's end it is known without reading its sidecar again.
    const before = sorted.slice(first, start).filter(({ path }) => (stream.segments.get(path)?.endedAt ?? Infinity) > from);
    const segments = await inTurn([...before, ...sorted.slice(start, end)], (named) => this.detailOf(stream, named));
    return segments.filter((segment): segment is Segment => segment !== null && segment.endedAt > from);
  }

  /** One segment's sidecar detail: kept from an earlier read, or read now (and kept). */
  private async detailOf(stream: Stream, { path, file, startedAt }: { path: string; file: string; startedAt: number }): Promise<Segment | null> {
    const kept = this.kept.get(path);
    if (kept) {
      this.kept.delete(path); // most recently asked: last to go
      this.kept.set(path, kept);
      return kept;
    }
    const segment = await this.read(path, file, startedAt);
    if (!segment) {
      await this.gone(path);
      return null;
    }
    // Deleted meanwhile (by retention): not put back.
    if (!stream.names.has(path)) return segment;
    this.putDetail(stream, path, segment);
    this.kept.set(path, segment);
    if (this.kept.size > KEPT_DETAILS) this.kept.delete(this.kept.keys().next().value!);
    return segment;
  }

  /** The stream's names oldest first, sorted once until they change. */
  private namesOf(stream: Stream): { path: string; file: string; startedAt: number }[] {
    stream.namesSorted ??= [...stream.names].map(([path, startedAt]) => ({ path, file: basename(path), startedAt })).sort((a, b) => a.startedAt - b.startedAt);
    return stream.namesSorted;
  }

  private async buildAll(): Promise<void> {
    let cameras: string[];
    try {
      cameras = await this.listFolder(this.root);
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
    if (!stream) this.streams.set(key, (stream = { cameraId, profile, names: new Map(), namesSorted: null, segments: new Map(), sorted: null, listed: null, ready: false, detailed: null }));
    return stream;
  }

  /** The stream's names, read once, after what a crash left in its folder is repaired. */
  private list(stream: Stream): Promise<void> {
    stream.listed ??= (async () => {
      const dir = segmentFolder(this.root, stream.cameraId, stream.profile);
      try {
        let files: string[];
        try {
          files = await this.listFolder(dir);
        } catch {
          return; // this camera has no such profile
        }
        await this.repairLeftovers(stream, dir, files);
        for (const { file, name } of segmentFilesBetween(files, stream.cameraId, stream.profile)) this.putName(stream, join(dir, file), name.startedAt);
      } finally {
        stream.ready = true;
      }
    })();
    return stream.listed;
  }

  /**
   * What a kill or a power cut left in a stream's folder: each `.part` cut back to its last whole
   * fragment and closed (then listed), and the spare writers' files (they never got a frame) removed.
   */
  private async repairLeftovers(stream: Stream, dir: string, files: readonly string[]): Promise<void> {
    const repairs = await repairLeftovers(dir, files, (partPath, error) => this.options.repairFailed?.(partPath, error));
    for (const repair of repairs) {
      this.options.repaired?.(repair);
      const name = repair.path ? parseSegmentFileName(basename(repair.path)) : null;
      if (repair.path && name?.cameraId === stream.cameraId && name.profile === stream.profile) this.putName(stream, repair.path, name.startedAt);
    }
  }

  /** The stream's sidecars, read once, a bounded number at once (more open files than a process may have failed: EMFILE). */
  private detail(stream: Stream): Promise<void> {
    stream.detailed ??= (async () => {
      await this.list(stream);
      const unread = [...stream.names].filter(([path]) => !stream.segments.has(path));
      await inTurn(unread, async ([path, startedAt]) => {
        if (this.stopped) return;
        const segment = await this.read(path, basename(path), startedAt);
        if (!segment) await this.gone(path);
        // Deleted meanwhile (by retention, after a recorder's add): not put back.
        else if (stream.names.has(path)) this.putDetail(stream, path, segment);
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
