/**
 * Records one (camera, profile): a viewer of the session's camera video as it arrives (FLV for
 * H.264, MPEG-TS for H.265, never converted), so it shares the one RTSP pull with every tile, and
 * it keeps the session alive while it records. What it is sent is cut into frames again (to know
 * the keyframes: `recorderInput.ts`), and each segment gets its own `-c copy` ffmpeg (a
 * SegmentWriter) that starts with the headers and a keyframe. Segments are cut by `beforeKeyframe`
 * and when the stream stops (the session's state says why, which is the gap's reason). The next
 * segment's ffmpeg is started before it is needed (a spare): when the recorder attaches, when a
 * segment ends, and in the last SPARE_LEAD_MS of a segment's planned length.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Profile, StreamStatus } from '../../preload/api.js';
import type { Viewer } from '../engine/session/session.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import type { Logger } from '../lib/logger.js';
import { repairPart } from './partRepair.js';
import { inputFor, type RecordedFrame, type RecorderInput, type WriterInput } from './recorderInput.js';
import { beforeKeyframe, endForState, writerRetryDelay, type OpenSegment, type SegmentEnd } from './segmentCuts.js';
import { PART_SUFFIX, segmentFileName, segmentFolder } from './segmentName.js';
import type { WritingSegment } from './segmentIndex.js';
import { SegmentWriter, type WriterExit } from './segmentWriter.js';
import { writeSidecar } from './sidecar.js';
import { diskFailureOf } from '../store/diskProblem.js';

export interface CameraRecorderOptions {
  engine: StreamEngine;
  cameraId: string;
  profile: Profile;
  /** The recording folder's root. */
  folder: string;
  ffmpegPath: string;
  log: Logger;
  /** About how long a segment runs before it is cut at the next keyframe; 60 s by default. */
  segmentMs?: number;
  /** The wall clock (tests jump it). */
  now?: () => number;
  /** How long to wait before attaching again after the session ended this viewer. */
  reattachMs?: number;
}

/** A segment the recorder has closed, or lost and repaired. */
export interface ClosedSegment {
  path: string | null;
  endReason: SegmentEnd;
  /** Media time sent to its writer, ms (what a clean close keeps). */
  sentMs: number;
}

interface Recording extends OpenSegment {
  writer: SegmentWriter;
  path: string;
  lastTs: number;
  frameMs: number;
  keyframesMs: number[];
  bytesPerSecond: number[];
  endReason: SegmentEnd | null;
}

const LIVE_STATES = new Set(['live', 'starting']);
const RECORDED_CODECS = new Set(['h264', 'hevc']);
const CONVERSION_NEEDED = (codec: string) => `the camera sends ${codec} that would have to be converted`;
/** How long before a segment's planned cut its successor's ffmpeg is started: loading it can take seconds on a loaded machine. */
const SPARE_LEAD_MS = 10_000;

const sameInput = (a: WriterInput, b: WriterInput) => a.format === b.format && a.hevc === b.hevc;

export class CameraRecorder implements Viewer {
  readonly cameraId: string;
  readonly profile: Profile;
  /** Reads what the session sends, once its first byte says FLV or MPEG-TS. */
  private input: RecorderInput | null = null;
  private current: Recording | null = null;
  /** The next segment's writer, started ahead and waiting on its stdin. */
  private spare: SegmentWriter | null = null;
  private spareFailed = false;
  private pausedFor: SegmentEnd | null = null;
  private detach: (() => void) | null = null;
  private offStatus: (() => void) | null = null;
  private reattachTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private refusedFor: string | null = null;
  /** Writers in a row that left no playable file, and until when the next one waits. */
  private failuresInARow = 0;
  private holdUntil = 0;
  private readonly closing = new Set<Promise<void>>();
  /** Segments being written or closed whose closing listeners have not all finished: still served from here. */
  private readonly unsettled = new Set<Recording>();
  private readonly listeners = new Set<(segment: ClosedSegment) => unknown>();
  private readonly changeListeners = new Set<() => void>();
  private readonly now: () => number;
  /** 0: ffmpeg's own pace decides; the writer ends a segment whose ffmpeg falls far behind. */
  readonly backlog = 0;

  constructor(private readonly options: CameraRecorderOptions) {
    this.cameraId = options.cameraId;
    this.profile = options.profile;
    this.now = options.now ?? Date.now;
  }

  /** Attaches to the camera's session (starting it if needed). Throws UnknownCameraError. */
  start(): void {
    if (this.stopped || this.detach) return;
    const { engine, cameraId, profile } = this.options;
    this.offStatus ??= engine.on('status', (status) => this.onStatus(status));
    this.input = null;
    // A tile's session when one runs: the camera gives one pull, whatever the viewers decode.
    this.detach = engine.attachOriginal(cameraId, profile, this);
    this.prepareSpare();
  }

  /** The writer's ffmpeg of the open segment, for tests and health. */
  get writerPid(): number | null {
    return this.current?.writer.pid ?? null;
  }

  /** Media time sent to the open segment's writer so far, ms; null when none is open. */
  get openSegmentMs(): number | null {
    return this.current ? this.current.lastTs - this.current.startTs : null;
  }

  /** The open segment's final path (without `.part`), for tests that kill the console mid-segment. */
  get openSegmentPath(): string | null {
    return this.current?.path ?? null;
  }

  get recording(): boolean {
    return this.current !== null;
  }

  get paused(): SegmentEnd | null {
    return this.pausedFor;
  }

  /**
   * The segment being written, and any just closed that its listeners (the catalog) do not know
   * yet: playable up to their last whole fragment, so the minute being recorded can be played.
   */
  writing(): WritingSegment[] {
    return [...this.unsettled].map((recording) => {
      const startedAt = recording.startTs + recording.clockOffset;
      return {
        path: recording.path,
        file: basename(recording.path),
        partPath: recording.writer.partPath,
        startedAt,
        endedAt: startedAt + recording.lastTs - recording.startTs + recording.frameMs,
        bytes: recording.writer.bytesIn,
        keyframesMs: [...recording.keyframesMs],
        bytesPerSecond: Array.from(recording.bytesPerSecond, (bytes) => bytes ?? 0),
        endReason: null,
        repaired: false,
      };
    });
  }

  /** A listener that returns a promise keeps the segment in `writing()` until it settles. */
  onSegmentClosed(listener: (segment: ClosedSegment) => unknown): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the recorder starts or stops writing, or gives up on the stream (the wall's REC mark). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Stops writing (the disk is full): the open segment is closed with that reason; the session stays up. */
  pause(reason: SegmentEnd): void {
    this.pausedFor = reason;
    this.closeSegment(reason);
  }

  /** Writes again from the next keyframe. */
  resume(): void {
    this.pausedFor = null;
  }

  send(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    this.input ??= inputFor(chunk);
    let frames: RecordedFrame[];
    try {
      frames = this.input.push(chunk);
    } catch (error) {
      // Not what it began as: the segment ends, and the next headers are read afresh.
      this.options.log.warn('recorded stream is not what it began as', { camera: this.cameraId, error: String(error) });
      this.input = null;
      return this.closeSegment('format_change');
    }
    for (const frame of frames) this.onFrame(frame, this.now());
  }

  /** The session can no longer feed this viewer (camera edited, engine closing): attach again soon. */
  end(): void {
    this.detach = null;
    this.closeSegment('offline');
    if (this.stopped) return;
    this.reattachTimer = setTimeout(() => {
      this.reattachTimer = null;
      try {
        this.start();
      } catch (error) {
        this.options.log.warn('recorder could not attach again', { camera: this.cameraId, error: String(error) });
      }
    }, this.options.reattachMs ?? 1000);
  }

  /** Closes the open segment (the console is stopping) and detaches; settles when every file is final. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reattachTimer) clearTimeout(this.reattachTimer);
    this.offStatus?.();
    this.closeSegment('console_stopped');
    this.spare?.discard();
    this.spare = null;
    this.detach?.();
    this.detach = null;
    await this.settled();
  }

  /** Why this stream is not recorded, when the recorder gave up on it; null while it records or waits. */
  get refused(): string | null {
    return this.refusedFor;
  }

  private refuse(why: string): void {
    if (this.refusedFor) return;
    this.refusedFor = why;
    this.options.log.warn('camera not recorded', { camera: this.cameraId, profile: this.profile, why });
    void this.stop();
    this.changed();
  }

  /** Every segment closed so far is final on disk (renamed and with its sidecar, or repaired). */
  async settled(): Promise<void> {
    while (this.closing.size > 0) await Promise.all([...this.closing]);
  }

  private onStatus(status: StreamStatus): void {
    if (status.cameraId !== this.cameraId || status.profile !== this.profile) return;
    // The recorder never converts: H.264 comes as FLV and H.265 as MPEG-TS; any other codec only the tiles get, converted.
    const codec = this.options.engine.cameraCodec(this.cameraId, this.profile);
    if (codec !== null && !RECORDED_CODECS.has(codec)) return this.refuse(CONVERSION_NEEDED(codec));
    if (!LIVE_STATES.has(status.state)) this.closeSegment(endForState(status.state));
  }

  private onFrame(frame: RecordedFrame, now: number): void {
    // A new MPEG-TS timeline (the session began a run: a tile came to a recorder's H.265, or left it;
    // FLV's is stitched across runs): the segment ends here, and the next keyframe starts one.
    if (this.current && frame.timestamp < this.current.lastTs) this.closeSegment('clock_jump');
    if (frame.keyframe) this.atKeyframe(frame, now);
    const open = this.current;
    if (!open) return;
    for (const chunk of frame.chunks) if (!open.writer.write(chunk)) return this.closeSegment('writer_failed');
    const second = Math.max(0, Math.floor((frame.timestamp - open.startTs) / 1000));
    open.bytesPerSecond[second] = (open.bytesPerSecond[second] ?? 0) + frame.bytes;
    if (frame.timestamp > open.lastTs) open.frameMs = frame.timestamp - open.lastTs;
    open.lastTs = frame.timestamp;
    open.clockOffset = Math.min(open.clockOffset, now - frame.timestamp);
  }

  private atKeyframe(frame: RecordedFrame, now: number): void {
    const config = this.input?.config();
    if (this.pausedFor || !config || this.input!.headers().length === 0) return;
    const segmentMs = this.options.segmentMs ?? 60_000;
    const decision = beforeKeyframe(this.current, { timestamp: frame.timestamp, now, config }, segmentMs);
    if (decision === null) {
      this.current!.keyframesMs.push(frame.timestamp - this.current!.startTs);
      if (frame.timestamp - this.current!.startTs >= segmentMs - SPARE_LEAD_MS) this.prepareSpare();
      return;
    }
    if (decision === 'start' && now < this.holdUntil) return;
    if (decision !== 'start') this.closeSegment(decision);
    this.openSegment(now, frame.timestamp, config);
  }

  /** The folder this stream's segments go to, made if needed; null (and logged) when it cannot be made. */
  private segmentDir(): string | null {
    const { folder, cameraId, profile } = this.options;
    const dir = segmentFolder(folder, cameraId, profile);
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch (error) {
      // Called from the session's fan-out: a folder that cannot be made costs this keyframe, never the wall.
      this.options.log.warn('recording folder cannot be made', { camera: cameraId, ...diskFailureOf(error) });
      return null;
    }
  }

  /**
   * Starts the next segment's writer now, so its ffmpeg has loaded by the time the segment begins.
   * Its file waits in the recording folder's root (no camera folder is made for a stream never recorded).
   */
  private prepareSpare(): void {
    if (this.stopped || this.pausedFor) return;
    const root = this.options.folder;
    const input = this.writerInput();
    if (this.spare && (!this.spare.waiting || this.spare.folder !== root || !sameInput(this.spare.input, input))) {
      this.spare.discard();
      this.spare = null;
    }
    if (this.spare) return;
    try {
      this.spare = new SegmentWriter(this.options.ffmpegPath, root, input);
      this.spareFailed = false;
    } catch (error) {
      // The segment starts a writer of its own then, and reports what fails; said once, not at every keyframe.
      if (!this.spareFailed) this.options.log.warn('recording writer cannot be prepared', { camera: this.cameraId, ...diskFailureOf(error) });
      this.spareFailed = true;
    }
  }

  /** What the next writer reads: FLV until the session's first bytes say otherwise. */
  private writerInput(): WriterInput {
    return { format: this.input?.format ?? 'flv', hevc: this.input?.hevc ?? false };
  }

  /** A writer given the segment at `path` (in `dir`): the spare if it can take it, else one started now. Throws when none can. */
  private writerFor(dir: string, path: string): SegmentWriter {
    const spare = this.spare;
    this.spare = null;
    const input = this.writerInput();
    if (spare?.waiting && sameInput(spare.input, input)) {
      try {
        spare.begin(path);
        return spare;
      } catch (error) {
        // A camera folder on another disk than the root (a rename cannot cross): a writer of its own does.
        this.options.log.warn('recording writer could not take its segment', { camera: this.cameraId, ...diskFailureOf(error) });
      }
    }
    spare?.discard();
    const writer = new SegmentWriter(this.options.ffmpegPath, dir, input);
    try {
      writer.begin(path);
    } catch (error) {
      writer.discard();
      throw error;
    }
    return writer;
  }

  private openSegment(now: number, timestamp: number, config: Buffer): void {
    const { cameraId, profile } = this.options;
    const dir = this.segmentDir();
    if (!dir) return;
    // Two segments in one second (a quick reconnect) must not share a name: the later moves on a second.
    let startedAt = Math.floor(now / 1000) * 1000;
    const pathAt = (at: number) => join(dir, segmentFileName({ cameraId, profile, startedAt: at }));
    while (existsSync(pathAt(startedAt)) || existsSync(pathAt(startedAt) + PART_SUFFIX)) startedAt += 1000;
    const path = pathAt(startedAt);
    let writer: SegmentWriter;
    try {
      writer = this.writerFor(dir, path);
    } catch (error) {
      this.options.log.warn('recording segment cannot be started', { camera: cameraId, ...diskFailureOf(error) });
      return;
    }
    for (const header of this.input?.headers() ?? []) writer.write(header);
    const recording: Recording = { writer, path, startTs: timestamp, clockOffset: now - timestamp, config, lastTs: timestamp, frameMs: 0, keyframesMs: [0], bytesPerSecond: [], endReason: null };
    this.current = recording;
    this.unsettled.add(recording);
    this.changed();
    // However the writer ends (closed by us, or killed), its file is made final.
    const final = writer.done
      .then((exit) => this.finalize(recording, exit))
      .finally(() => {
        this.closing.delete(final);
        this.unsettled.delete(recording);
      });
    this.closing.add(final);
  }

  private closeSegment(reason: SegmentEnd): void {
    const open = this.current;
    if (!open) return;
    this.current = null;
    open.endReason = reason;
    void open.writer.finish();
    this.changed();
    this.prepareSpare();
  }

  private async finalize(recording: Recording, { clean, stderr }: WriterExit): Promise<void> {
    if (this.current === recording) {
      this.current = null; // died under us: the next keyframe starts anew
      this.changed();
    }
    const endReason = recording.endReason ?? (/No space left on device/i.test(stderr) ? 'disk_full' : 'writer_failed');
    const sentMs = recording.lastTs - recording.startTs + recording.frameMs;
    // The name is to the second, taken when the first keyframe arrived (late if it was replayed from
    // a cache); the sidecar keeps when its frames really happened, by the live clock offset.
    const from = recording.startTs + recording.clockOffset;
    let path: string | null = recording.path;
    try {
      if (clean) {
        const { size } = await stat(recording.writer.partPath);
        const { keyframesMs, bytesPerSecond } = recording;
        await writeSidecar(path, { startedAt: from, endedAt: from + sentMs, bytes: size, keyframesMs, bytesPerSecond, endReason, repaired: false });
        await rename(recording.writer.partPath, path);
      } else {
        path = (await repairPart(recording.writer.partPath, endReason)).path;
      }
    } catch (error) {
      this.options.log.warn('recorded segment could not be closed', { camera: this.cameraId, path, error: String(error) });
      path = null;
    }
    this.failuresInARow = path === null && !clean ? this.failuresInARow + 1 : 0;
    this.holdUntil = this.now() + writerRetryDelay(this.failuresInARow);
    const closed = { path, endReason, sentMs };
    await Promise.all([...this.listeners].map(async (listener) => listener(closed))).catch((error: unknown) => this.options.log.warn('segment listener failed', { camera: this.cameraId, error: String(error) }));
  }
}
