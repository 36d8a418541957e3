/**
 * Records one (camera, profile): a viewer of the session's camera video as it arrives (FLV for
 * H.264, MPEG-TS for H.265, never converted), so it shares the one RTSP pull with every tile, and
 * it keeps the session alive while it records. What it is sent is cut into frames again (to know
 * the keyframes: `recorderInput.ts`), and main writes each segment's fragmented MP4 itself (a
 * `SegmentMuxer`, avc1 or hvc1, into a `SegmentFile`): no ffmpeg per segment, so nothing waits on a
 * process that is still loading, and a kill loses at most the fragment being gathered. Segments are cut by
 * `beforeKeyframe` and when the stream stops (the session's state says why, which is the gap's
 * reason), where the session switches output (`outputSwitched`), or when their file cannot be
 * written (a full disk).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Profile, StreamStatus } from '../../preload/api.js';
import type { Viewer } from '../engine/session/session.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import type { Logger } from '../lib/logger.js';
import { SegmentMuxer } from './fmp4Muxer.js';
import { repairPart } from './partRepair.js';
import { inputFor, type RecordedFrame, type RecorderInput } from './recorderInput.js';
import { beforeKeyframe, clockWasSet, endForState, endForWriteError, replayedByNextRun, writerRetryDelay, type OpenSegment, type SegmentEnd } from './segmentCuts.js';
import { SegmentFile, type SegmentFileEnd } from './segmentFile.js';
import { PART_SUFFIX, segmentFileName, segmentFolder } from './segmentName.js';
import type { WritingSegment } from './segmentIndex.js';
import { writeSidecar } from './sidecar.js';
import { diskFailureOf } from '../store/diskProblem.js';

export interface CameraRecorderOptions {
  engine: StreamEngine;
  cameraId: string;
  profile: Profile;
  /** The recording folder's root. */
  folder: string;
  log: Logger;
  /** About how long a segment runs before it is cut at the next keyframe; 60 s by default. */
  segmentMs?: number;
  /** The wall clock (tests jump it). */
  now?: () => number;
  /** A clock setting the machine's time does not move (performance.now); a jump of `now` against it is a clock jump. */
  monotonic?: () => number;
  /** How long to wait before attaching again after the session ended this viewer. */
  reattachMs?: number;
}

/** A segment the recorder has closed, or lost and repaired. */
export interface ClosedSegment {
  /** null: nothing could be kept, or every picture it had is in the next segment (an output switch's replayed GOP). */
  path: string | null;
  endReason: SegmentEnd;
  /** Media time given to its file, ms (what a clean close keeps). */
  sentMs: number;
}

interface Recording extends OpenSegment {
  file: SegmentFile;
  muxer: SegmentMuxer;
  path: string;
  lastTs: number;
  frameMs: number;
  keyframesMs: number[];
  bytesPerSecond: number[];
  endReason: SegmentEnd | null;
  /** Where its latest GOP began: what it is left as when the next run replays that GOP. */
  gopStart: GopStart;
  /** The next run replayed every picture it has: no file is kept. */
  replayed: boolean;
}

/** A segment's figures just before one of its keyframes. */
interface GopStart {
  timestamp: number;
  lastTs: number;
  keyframes: number;
  bytesPerSecond: number[];
}

const LIVE_STATES = new Set(['live', 'starting']);
const RECORDED_CODECS = new Set(['h264', 'hevc']);
const CONVERSION_NEEDED = (codec: string) => `the camera sends ${codec} that would have to be converted`;
/** No fragment longer than a second (or a GOP): what a kill may lose. */
const MAX_FRAGMENT_MS = 1000;

export class CameraRecorder implements Viewer {
  readonly cameraId: string;
  readonly profile: Profile;
  /** Reads what the session sends, once its first byte says FLV or MPEG-TS. */
  private input: RecorderInput | null = null;
  /** The stream's latest frame interval, ms. */
  private frameMs = 0;
  private current: Recording | null = null;
  /** A segment an output switch ended, its last GOP not yet written: the next run may replay it. */
  private handover: Recording | null = null;
  private pausedFor: SegmentEnd | null = null;
  private detach: (() => void) | null = null;
  private offStatus: (() => void) | null = null;
  private reattachTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private refusedFor: string | null = null;
  /** Segments in a row that left no playable file, and until when the next one waits. */
  private failuresInARow = 0;
  private holdUntil = 0;
  private readonly closing = new Set<Promise<void>>();
  /** Segments being written or closed whose closing listeners have not all finished: still served from here. */
  private readonly unsettled = new Set<Recording>();
  private readonly listeners = new Set<(segment: ClosedSegment) => unknown>();
  private readonly changeListeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly monotonic: () => number;
  /** 0: every unit is taken as it comes; a segment whose disk falls far behind is ended by its file. */
  readonly backlog = 0;

  constructor(private readonly options: CameraRecorderOptions) {
    this.cameraId = options.cameraId;
    this.profile = options.profile;
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
  }

  /** Attaches to the camera's session (starting it if needed). Throws UnknownCameraError. */
  start(): void {
    if (this.stopped || this.detach) return;
    const { engine, cameraId, profile } = this.options;
    this.offStatus ??= engine.on('status', (status) => this.onStatus(status));
    this.input = null;
    // A tile's session when one runs: the camera gives one pull, whatever the viewers decode.
    this.detach = engine.attachOriginal(cameraId, profile, this);
  }

  /** Media time given to the open segment so far, ms; null when none is open. */
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
        partPath: recording.file.partPath,
        startedAt,
        endedAt: startedAt + recording.lastTs - recording.startTs + recording.frameMs,
        bytes: recording.file.bytesWritten,
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
    const now = this.now();
    const monotonic = this.monotonic();
    for (const frame of frames) this.onFrame(frame, now, monotonic);
  }

  /**
   * The session switched between copying the camera's H.265 and converting it (a tile came or
   * left): one reconnect of the pull, and a new MPEG-TS timeline. The segment ends here, saying so;
   * the next keyframe (the new run's) starts the next one. Its file waits for that keyframe: when
   * it replays the GOP the segment still holds, that GOP is left to the next segment (`handOver`).
   */
  outputSwitched(): void {
    const open = this.current;
    if (!open) return;
    this.closeSegment('output_switched', false);
    this.handover = open;
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

  private onFrame(frame: RecordedFrame, now: number, monotonic: number): void {
    if (this.handover && frame.keyframe) this.handOver(frame);
    // A timeline that runs back that no switch of output explains (FLV's is stitched across runs,
    // and a switch ends the segment before its new run): the segment ends, the next keyframe starts one.
    if (this.current && frame.timestamp < this.current.lastTs) this.closeSegment('clock_jump');
    if (frame.keyframe) this.atKeyframe(frame, now, monotonic);
    const open = this.current;
    if (!open) return;
    if (frame.keyframe) open.gopStart = { timestamp: frame.timestamp, lastTs: open.lastTs, keyframes: open.keyframesMs.length - 1, bytesPerSecond: [...open.bytesPerSecond] };
    const fragment = frame.sample && open.muxer.push(frame.sample);
    // A file that takes no more has ended the segment already (its failure said why).
    if (fragment && !open.file.write(fragment)) return;
    const second = Math.max(0, Math.floor((frame.timestamp - open.startTs) / 1000));
    open.bytesPerSecond[second] = (open.bytesPerSecond[second] ?? 0) + frame.bytes;
    if (frame.timestamp > open.lastTs) open.frameMs = this.frameMs = frame.timestamp - open.lastTs;
    open.lastTs = frame.timestamp;
    // Until the keyframe that cuts it, a segment keeps the clock it began with: a clock set back an
    // hour must not move the frames already written an hour back with it.
    if (!clockWasSet(open, now, monotonic)) open.clockOffset = Math.min(open.clockOffset, now - frame.timestamp);
  }

  private atKeyframe(frame: RecordedFrame, now: number, monotonic: number): void {
    const config = this.input?.config();
    if (this.pausedFor || !config) return;
    const segmentMs = this.options.segmentMs ?? 60_000;
    const decision = beforeKeyframe(this.current, { timestamp: frame.timestamp, now, monotonic, config }, segmentMs);
    if (decision === null) {
      this.current!.keyframesMs.push(frame.timestamp - this.current!.startTs);
      return;
    }
    if (decision === 'start' && now < this.holdUntil) return;
    if (decision !== 'start') this.closeSegment(decision);
    this.openSegment(now, monotonic, frame.timestamp, config);
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

  private openSegment(now: number, monotonic: number, timestamp: number, config: Buffer): void {
    const { cameraId, profile } = this.options;
    const dir = this.segmentDir();
    if (!dir) return;
    // Two segments in one second (a quick reconnect) must not share a name: the later moves on a second.
    let startedAt = Math.floor(now / 1000) * 1000;
    const pathAt = (at: number) => join(dir, segmentFileName({ cameraId, profile, startedAt: at }));
    while (existsSync(pathAt(startedAt)) || existsSync(pathAt(startedAt) + PART_SUFFIX)) startedAt += 1000;
    const path = pathAt(startedAt);
    const track = this.input?.track();
    if (!track) return this.refuse(CONVERSION_NEEDED('a codec')); // neither H.264 nor H.265: the session says which, soon
    const muxer = new SegmentMuxer(track, MAX_FRAGMENT_MS);
    let file: SegmentFile;
    try {
      file = new SegmentFile(path, (error) => {
        if (this.current === recording) this.closeSegment(endForWriteError(error.code));
      });
    } catch (error) {
      this.options.log.warn('recording segment cannot be started', { camera: cameraId, ...diskFailureOf(error) });
      return;
    }
    // Until its second frame, a segment's frames last as long as the stream's did before it.
    const gopStart = { timestamp, lastTs: timestamp, keyframes: 0, bytesPerSecond: [] };
    const recording: Recording = { file, muxer, path, startTs: timestamp, clockOffset: now - timestamp, wallOffset: now - monotonic, config, lastTs: timestamp, frameMs: this.frameMs, keyframesMs: [0], bytesPerSecond: [], endReason: null, gopStart, replayed: false };
    this.current = recording;
    this.unsettled.add(recording);
    file.write(muxer.init);
    this.changed();
    // However the file ends (closed by us, or a failed write), it is made final.
    const final = file.ended
      .then((end) => this.finalize(recording, end))
      .finally(() => {
        this.closing.delete(final);
        this.unsettled.delete(recording);
      });
    this.closing.add(final);
  }

  /** Ends the open segment; `finishFile` false leaves its file to `handOver` (an output switch). */
  private closeSegment(reason: SegmentEnd, finishFile = true): void {
    this.finishHandover();
    const open = this.current;
    if (!open) return;
    this.current = null;
    open.endReason = reason;
    if (finishFile) this.finishFile(open);
    this.changed();
  }

  private finishFile(recording: Recording): void {
    const last = recording.muxer.finish(recording.frameMs);
    if (last) recording.file.write(last);
    void recording.file.finish();
  }

  /**
   * The next run's first keyframe: when it replays the GOP the switched segment still holds (a
   * server's cached GOP at connect), that segment ends before it, and the next one keeps those
   * pictures, so none is recorded twice and the next segment starts where this one ends.
   */
  private handOver(keyframe: RecordedFrame): void {
    const ended = this.handover!;
    const held = ended.muxer.heldKeyframe();
    const gop = ended.gopStart;
    const replayed = keyframe.sample && replayedByNextRun(ended, held && { timestamp: gop.timestamp, data: held.data }, keyframe.sample.data);
    if (replayed) ended.muxer.dropHeld();
    if (replayed === 'segment') ended.replayed = true;
    if (replayed === 'gop') {
      ended.lastTs = gop.lastTs;
      ended.frameMs = gop.timestamp - gop.lastTs;
      ended.keyframesMs.length = gop.keyframes;
      ended.bytesPerSecond = gop.bytesPerSecond;
    }
    this.finishHandover();
  }

  /** The switched segment's file is made final as it is (the next run did not replay its last GOP, or never came). */
  private finishHandover(): void {
    const ended = this.handover;
    if (!ended) return;
    this.handover = null;
    this.finishFile(ended);
  }

  private async finalize(recording: Recording, { clean, error, bytes }: SegmentFileEnd): Promise<void> {
    const endReason = recording.endReason ?? endForWriteError(error?.code);
    const sentMs = recording.lastTs - recording.startTs + recording.frameMs;
    // The name is to the second, taken when the first keyframe arrived (late if it was replayed from
    // a cache); the sidecar keeps when its frames really happened, by the live clock offset.
    const from = recording.startTs + recording.clockOffset;
    let path: string | null = recording.path;
    try {
      if (recording.replayed) {
        // Every picture it had is at the start of the next segment: kept once, there.
        path = null;
        await rm(recording.file.partPath, { force: true });
      } else if (clean) {
        const { keyframesMs, bytesPerSecond } = recording;
        await writeSidecar(path, { startedAt: from, endedAt: from + sentMs, bytes, keyframesMs, bytesPerSecond, endReason, repaired: false });
        await rename(recording.file.partPath, path);
      } else {
        path = (await repairPart(recording.file.partPath, endReason)).path;
      }
    } catch (error) {
      this.options.log.warn('recorded segment could not be closed', { camera: this.cameraId, path, error: String(error) });
      path = null;
    }
    this.failuresInARow = path === null && !clean && !recording.replayed ? this.failuresInARow + 1 : 0;
    this.holdUntil = this.now() + writerRetryDelay(this.failuresInARow);
    const closed = { path, endReason, sentMs };
    await Promise.all([...this.listeners].map(async (listener) => listener(closed))).catch((error: unknown) => this.options.log.warn('segment listener failed', { camera: this.cameraId, error: String(error) }));
  }
}
