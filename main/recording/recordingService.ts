/**
 * The console's recorder: one CameraRecorder per (camera, profile) set to record, started from the
 * services (never from a window), the start-up repair of whatever a crash left, and a retention
 * sweep that keeps the disk from filling. When retention cannot free enough (everything left is
 * locked as evidence), recording pauses with `disk_full` and resumes by itself once there is room;
 * the sessions, and so the live wall, carry on either way.
 */
import { mkdir, rm, statfs } from 'node:fs/promises';
import type { Profile, RecordingFiguresView, RecordingMark, RecordingProblem, Refusal, StreamState } from '../../preload/api.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import type { Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { diskFailureOf } from '../store/diskProblem.js';
import { CameraRecorder } from './cameraRecorder.js';
import { countingFigures, daysUntilFull, streamFigures } from './recordingFigures.js';
import { recordingMarks } from './recordingMarks.js';
import { planRetention, type EvidenceLock, type RetentionPolicy, type StoredSegment } from './retention.js';
import { SegmentCatalog, type FolderLister, type SegmentReader } from './segmentCatalog.js';
import { type FootageSpan, type Segment, type WritingSegment } from './segmentIndex.js';
import { sidecarPathOf } from './segmentName.js';

export interface RecordingTarget {
  cameraId: string;
  profile: Profile;
}

export interface RecordingServiceOptions {
  engine: StreamEngine;
  ffmpegPath: () => string | null;
  folder: () => string;
  log: Logger;
  /** Every stream the settings say to record, allowed or not. */
  targets: () => RecordingTarget[];
  /** Why this console may not record a camera now (scope, a household's consent); null when it may. */
  refusalOf?: (cameraId: string) => Refusal | null;
  policy: () => RetentionPolicy;
  locks: () => EvidenceLock[];
  /** Free bytes on the recording disk; statfs by default (tests stand in for a full disk). */
  freeBytes?: (folder: string) => Promise<number>;
  segmentMs?: number;
  /** How often retention runs; 30 s by default. */
  sweepMs?: number;
  /** Reads one segment's sidecar (tests count the reads); segmentIndex's readSegment by default. */
  readSegment?: SegmentReader;
  /** Lists one folder (tests count and hold what is listed); readdir by default. */
  listFolder?: FolderLister;
}

export interface SweepResult {
  deleted: string[];
  shortBytes: number;
}

interface RecordingEvents {
  problem: RecordingProblem | null;
  /** What the wall's REC marks say changed. */
  marks: RecordingMark[];
}

const key = ({ cameraId, profile }: RecordingTarget) => `${cameraId}:${profile}`;

async function statfsFree(folder: string): Promise<number> {
  const stats = await statfs(folder);
  return stats.bavail * stats.bsize;
}

export class RecordingService extends TypedEmitter<RecordingEvents> {
  private readonly recorders = new Map<string, CameraRecorder>();
  private timer: NodeJS.Timeout | null = null;
  private currentProblem: RecordingProblem | null = null;
  private sweeping: Promise<SweepResult> | null = null;
  private readonly streamStates = new Map<string, StreamState>();
  private offStatus: (() => void) | null = null;
  private publishedMarks = '';
  private lastFigures: RecordingFiguresView | null = null;
  /** The folder the last retention pass measured. */
  private figuresFolder: string | null = null;
  /** The free space last measured (at start, then by each pass), for the figures while counting. */
  private lastFree: { folder: string; bytes: number | null } | null = null;
  /** Streams whose recorder waits for their folder to be listed and repaired. */
  private readonly preparing = new Map<string, Promise<void>>();
  private closed = false;
  /** What is on disk in the folder the settings name; another folder is read afresh. */
  private catalog: SegmentCatalog | null = null;
  private cataloged: string | null = null;

  constructor(private readonly options: RecordingServiceOptions) {
    super();
  }

  get problem(): RecordingProblem | null {
    return this.currentProblem;
  }

  recorderFor(target: RecordingTarget): CameraRecorder | null {
    return this.recorders.get(key(target)) ?? null;
  }

  /** The segments of one stream being written now (or closing), playable up to their last whole fragment. */
  writing(cameraId: string, profile: Profile): WritingSegment[] {
    return this.recorders.get(key({ cameraId, profile }))?.writing() ?? [];
  }

  /**
   * One stream's footage, oldest first, from memory: the closed segments the catalog knows and
   * the ones being written, so /list, /get and playback read no folder and include the minute
   * being recorded.
   */
  async footage(cameraId: string, profile: Profile): Promise<FootageSpan[]> {
    // While the catalog is being built this stream's sidecars are read ahead of the others: never "nothing recorded" for footage on disk.
    const closed: FootageSpan[] = await this.currentCatalog().of(cameraId, profile);
    const known = new Set(closed.map((segment) => segment.path));
    const open = this.writing(cameraId, profile).filter((segment) => !known.has(segment.path));
    return [...closed, ...open.map(({ path, partPath, startedAt, endedAt }) => ({ path, partPath, startedAt, endedAt }))].sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * One stream's segments overlapping [from, to) with their sidecars' detail (activity, keyframes,
   * why each ended), the one being written included: for the timeline and for export.
   */
  async segments(cameraId: string, profile: Profile, from: number, to: number): Promise<Segment[]> {
    // From the catalog's names: only the sidecars in range are read, whether or not the catalog is whole yet.
    const closed = await this.currentCatalog().between(cameraId, profile, from, to);
    const known = new Set(closed.map((segment) => segment.path));
    const open = this.writing(cameraId, profile).filter((segment) => !known.has(segment.path) && segment.startedAt < to && segment.endedAt > from);
    return [...closed, ...open].sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Starts recording every target and returns, listing no folder itself: the catalog of what is on
   * disk is built behind (the API and the wall wait for neither a month of sidecars nor a listing
   * of 1.4 million names). Each stream's folder is listed, and what a crash left there repaired,
   * before its recorder starts and before anything of it is read; the first retention pass runs
   * once the catalog is whole.
   */
  async start(): Promise<void> {
    this.offStatus = this.options.engine.on('status', (status) => {
      this.streamStates.set(key(status), status.state);
      this.publishMarks();
    });
    await mkdir(this.options.folder(), { recursive: true }).catch((error) => this.options.log.warn('recording folder cannot be made', { ...diskFailureOf(error) }));
    void this.measureFree(this.options.folder());
    this.sync();
    void this.sweep().catch((error) => this.options.log.warn('recording retention failed', { error: String(error) }));
    this.timer = setInterval(() => void this.sweep().catch((error) => this.options.log.warn('recording retention failed', { error: String(error) })), this.options.sweepMs ?? 30_000);
  }

  /** Resolves once the catalog of the recording folder is whole (every sidecar read): retention waits for it. */
  catalogWhole(): Promise<void> {
    return this.currentCatalog().whole;
  }

  /** Resolves once every stream to record has its folder repaired and its recorder started (or refused). */
  async recordersStarted(): Promise<void> {
    while (this.preparing.size > 0) await Promise.all(this.preparing.values());
  }

  /**
   * What is on disk, as the last retention pass found it; while the catalog is still being read
   * (a minute with a month of footage), what the names already say (each stream's oldest footage
   * and count) with sizes and rates null and `complete` false: the settings say "counting".
   */
  get figures(): RecordingFiguresView {
    const folder = this.options.folder();
    const catalog = this.currentCatalog();
    if (this.lastFigures && this.figuresFolder === folder && catalog.complete) return this.lastFigures;
    return countingFigures(catalog.named(), this.lastFree?.folder === folder ? this.lastFree.bytes : null, Date.now());
  }

  /**
   * A read of this segment failed (/get, playback): when its file is gone (deleted by hand) the
   * catalog drops it, so the timeline shows a gap where it was and nothing offers it again.
   */
  async readFailed(path: string): Promise<void> {
    if (await this.currentCatalog().gone(path)) this.options.log.info('recording gone from disk', { file: path });
  }

  /** Every stream set to record: recording now, waiting, or why not. */
  marks(): RecordingMark[] {
    return recordingMarks({
      wanted: this.options.targets(),
      refusalOf: (cameraId) => this.refusalOf(cameraId),
      recorder: (cameraId, profile) => {
        const recorder = this.recorders.get(key({ cameraId, profile }));
        return recorder ? { writing: recorder.recording, refusedCodec: recorder.refused !== null } : null;
      },
      streamState: (cameraId, profile) => this.streamStates.get(key({ cameraId, profile })) ?? null,
      problem: this.currentProblem,
    });
  }

  /** Says the marks when they changed: a segment cut (close and open at one keyframe) changes nothing. */
  private publishMarks(): void {
    const marks = this.marks();
    const said = JSON.stringify(marks);
    if (said === this.publishedMarks) return;
    this.publishedMarks = said;
    this.emit('marks', marks);
  }

  private refusalOf(cameraId: string): Refusal | null {
    return this.options.refusalOf?.(cameraId) ?? null;
  }

  /** The recorders running, and whether each is writing a segment now. */
  running(): { cameraId: string; profile: Profile; writing: boolean }[] {
    return [...this.recorders.values()].map((recorder) => ({ cameraId: recorder.cameraId, profile: recorder.profile, writing: recorder.recording }));
  }

  /** The settings changed (folder, cameras): every recorder closes its segment and starts again as they say. */
  async reconfigure(): Promise<void> {
    const stopping = [...this.recorders.values()].map((recorder) => recorder.stop());
    this.recorders.clear();
    await Promise.all(stopping);
    this.sync();
    // New days to keep or quota apply now, and the settings show figures for what they say.
    await this.sweep().catch((error) => this.options.log.warn('recording retention failed', { error: String(error) }));
  }

  /** Starts recorders for targets that lack one and stops those no longer wanted (settings changed). */
  sync(): void {
    if (this.closed) return; // a folder's listing that ends after close starts nothing
    this.syncRecorders();
    this.publishMarks(); // consent ended, settings changed
  }

  private syncRecorders(): void {
    if (!this.options.ffmpegPath()) return; // no session to record from; said by the sweep: ffmpeg_missing
    const allowed = this.options.targets().filter((target) => this.refusalOf(target.cameraId) === null);
    const wanted = new Map(allowed.map((target) => [key(target), target]));
    for (const [id, recorder] of this.recorders) {
      if (wanted.has(id)) continue;
      this.recorders.delete(id);
      void recorder.stop();
    }
    const catalog = this.currentCatalog();
    for (const [id, target] of wanted) {
      if (this.recorders.has(id) || this.preparing.has(id)) continue;
      // A `.part` a crash left in this stream's folder is repaired before a writer of ours is there.
      if (!catalog.prepared(target.cameraId, target.profile)) {
        const prepared = catalog
          .prepare(target.cameraId, target.profile)
          .catch((error) => this.options.log.warn('recordings could not be checked', { camera: target.cameraId, profile: target.profile, error: String(error) }))
          .then(() => {
            this.preparing.delete(id);
            this.sync(); // still wanted, in the same folder: its recorder starts now
          });
        this.preparing.set(id, prepared);
        continue;
      }
      const folder = this.options.folder();
      const recorder = new CameraRecorder({ ...target, engine: this.options.engine, folder, log: this.options.log, ...(this.options.segmentMs ? { segmentMs: this.options.segmentMs } : {}) });
      if (this.currentProblem === 'disk_full') recorder.pause('disk_full');
      // A write met a full disk: measure now rather than at the next sweep.
      // The recorder serves the segment until the catalog knows it: never a moment when it is in neither.
      recorder.onSegmentClosed(async ({ path, endReason }) => {
        if (endReason === 'disk_full') void this.sweep().catch(() => {});
        // A segment closed because the folder changed stays in the old folder, which is no longer listed.
        if (path && folder === this.options.folder()) await this.currentCatalog().add(path).catch(() => {}); // gone meanwhile: nothing to keep count of
      });
      recorder.onChange(() => this.publishMarks());
      try {
        recorder.start();
        this.recorders.set(id, recorder);
      } catch (error) {
        this.options.log.warn('camera cannot be recorded', { camera: target.cameraId, profile: target.profile, error: String(error) });
      }
    }
  }

  /** One retention pass: deletes what the policy says, then pauses or resumes recording by what is left short. */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= this.runSweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.offStatus?.();
    this.offStatus = null;
    this.catalog?.stop();
    await this.sweeping?.catch(() => {});
    await Promise.all([...this.recorders.values()].map((recorder) => recorder.stop()));
    this.recorders.clear();
  }

  private async runSweep(): Promise<SweepResult> {
    const folder = this.options.folder();
    // Retention deletes nothing until the catalog is whole: the quota and the oldest-first order
    // need every segment's size and end, and a partial catalog would delete by a wrong total.
    const catalog = this.currentCatalog();
    await catalog.whole;
    if (!catalog.complete) return { deleted: [], shortBytes: 0 }; // closing, or the folder changed half-way
    const segments = catalog.all();
    const policy = this.options.policy();
    const free = await this.measureFree(folder);
    const now = Date.now();
    const plan = planRetention(segments, policy, this.options.locks(), free, now);
    const deleted: string[] = [];
    for (const segment of plan.delete) {
      try {
        await rm(sidecarPathOf(segment.path), { force: true });
        await rm(segment.path, { force: true });
        catalog.remove(segment.path);
        deleted.push(segment.path);
      } catch (error) {
        this.options.log.warn('old recording could not be deleted', { file: segment.path, error: String(error) });
      }
    }
    if (deleted.length > 0) this.options.log.info('old recordings deleted', { count: deleted.length });
    const gone = new Set(deleted);
    const freed = segments.reduce((sum, segment) => sum + (gone.has(segment.path) ? segment.bytes : 0), 0);
    this.lastFigures = measure(segments.filter((segment) => !gone.has(segment.path)), policy, free + freed, now);
    this.figuresFolder = folder;
    this.setProblem(plan.shortBytes > 0 ? 'disk_full' : this.options.ffmpegPath() ? null : 'ffmpeg_missing');
    this.sync(); // a household camera whose consent ran out stops here
    return { deleted, shortBytes: plan.shortBytes };
  }

  /** The disk's free space under `folder`, kept for the figures; a folder that cannot be measured (not made, unmounted) is not a full disk: its writers say what is wrong. */
  private async measureFree(folder: string): Promise<number> {
    const free = await (this.options.freeBytes ?? statfsFree)(folder).catch(() => Infinity);
    this.lastFree = { folder, bytes: Number.isFinite(free) ? free : null };
    return free;
  }

  /**
   * The catalog of the folder the settings name now, its build started behind the caller; a new
   * folder is read afresh, and what a crash (or another console) left in it is repaired as each
   * of its streams is listed.
   */
  private currentCatalog(): SegmentCatalog {
    const folder = this.options.folder();
    if (this.catalog && folder === this.cataloged) return this.catalog;
    this.catalog?.stop();
    const { log } = this.options;
    this.catalog = new SegmentCatalog(folder, {
      ...(this.options.readSegment ? { read: this.options.readSegment } : {}),
      ...(this.options.listFolder ? { list: this.options.listFolder } : {}),
      repaired: (repair) => log.info('unfinished recording repaired', { file: repair.path ?? repair.partPath, fragments: repair.fragments, bytesCut: repair.bytesCut }),
      repairFailed: (partPath, error) => log.warn('unfinished recording could not be repaired', { file: partPath, error: String(error) }),
    });
    this.cataloged = folder;
    void this.catalog.build().catch((error) => this.options.log.warn('recordings could not be listed', { error: String(error) }));
    return this.catalog;
  }

  private setProblem(problem: RecordingProblem | null): void {
    if (problem === this.currentProblem) return;
    this.currentProblem = problem;
    for (const recorder of this.recorders.values()) {
      if (problem === 'disk_full') recorder.pause('disk_full');
      else recorder.resume();
    }
    if (problem) this.options.log.warn('recording paused', { problem });
    else this.options.log.info('recording resumed');
    this.emit('problem', problem);
    this.publishMarks();
  }
}

/** The settings' figures over what is kept; the free space grows by what was deleted. */
function measure(kept: StoredSegment[], policy: RetentionPolicy, free: number, now: number): RecordingFiguresView {
  const streams = streamFigures(kept, now);
  const usedBytes = kept.reduce((sum, segment) => sum + segment.bytes, 0);
  const bytesPerDay = streams.reduce((sum, stream) => sum + (stream.bytesPerDay ?? 0), 0);
  const freeBytes = Number.isFinite(free) ? free : null;
  return {
    at: now,
    complete: true,
    streams,
    usedBytes,
    freeBytes,
    daysUntilFull: daysUntilFull({ freeBytes: freeBytes ?? Infinity, minFreeBytes: policy.minFreeBytes, quotaBytes: policy.quotaBytes, usedBytes, bytesPerDay }),
  };
}
