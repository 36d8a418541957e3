/**
 * What a session sends its viewers, run after run: one FLV timeline across restarts so open
 * players simply continue, the GOP cache a late joiner starts from at once, and the pre-roll a
 * recorder starts from. Players made for one container are ended when the output changes.
 */
import { setFlvTimestamp } from '../container/flv.js';
import { GopCache } from '../fanout/gopCache.js';
import type { Container, MediaUnit } from '../container/mediaUnit.js';
import { PreRollBuffer } from '../fanout/preRoll.js';
import type { RunState } from './sessionRun.js';
import { ViewerSet, type Viewer, type ViewerMode } from '../fanout/viewerSet.js';

/** Gap put between the last frame of one run and the first of the next, in ms. */
const RESTART_GAP_MS = 40;

export class SessionBroadcast {
  private readonly viewers = new ViewerSet();
  private readonly cache = new GopCache();
  private readonly preRoll: PreRollBuffer;
  private deliveredContainer: Container | null = null;
  private lastOutTs: number | null = null;

  /** `preRollSeconds`: video kept for clips that start before the click; 0 keeps none. */
  constructor(private readonly preRollSeconds: number) {
    this.preRoll = new PreRollBuffer(preRollSeconds);
  }

  get size(): number {
    return this.viewers.size;
  }

  has(viewer: Viewer): boolean {
    return this.viewers.has(viewer);
  }

  add(viewer: Viewer, mode: ViewerMode): void {
    this.viewers.add(viewer, this.cache, mode);
  }

  /** Sends a recorder the headers and the pre-roll, and adds it; null (and nothing done) when there is no pre-roll yet. */
  addRecorder(viewer: Viewer): number | null {
    const { startedAt, units } = this.preRoll.snapshot();
    if (startedAt === null || units.length === 0 || this.cache.headerUnits().length === 0) return null;
    for (const chunk of [...this.cache.headerUnits(), ...units]) viewer.send(chunk);
    this.viewers.addStarted(viewer);
    return startedAt;
  }

  setMode(viewer: Viewer, mode: ViewerMode): boolean {
    return this.viewers.setMode(viewer, mode);
  }

  delete(viewer: Viewer): boolean {
    return this.viewers.delete(viewer);
  }

  endAll(): void {
    this.viewers.endAll();
  }

  /**
   * A new run: its headers and GOP replace the last run's, and open players wait for its first
   * keyframe. A run in another container than the last delivered (its output was switched) ends
   * the players at once, so those that attach from now on, made for this run's, are kept.
   */
  beginRun(container: Container): void {
    if (this.deliveredContainer !== null && this.deliveredContainer !== container) {
      this.viewers.endAll();
      this.deliveredContainer = container;
    }
    this.cache.clear();
    this.preRoll.clear();
    this.viewers.resync();
  }

  /**
   * The tiles are refused this run's output (H.265 they cannot decode, no slot to convert it): what
   * was kept of it goes, so a tile that attaches now is not started on it.
   */
  withhold(): void {
    this.cache.clear();
    this.preRoll.clear();
  }

  /** The run's first unit arrived: players made for the other container must reconnect and be made anew. */
  deliver(container: Container): void {
    if (this.deliveredContainer !== null && this.deliveredContainer !== container) this.viewers.endAll();
    this.deliveredContainer = container;
  }

  /** Keeps a unit for late joiners and recorders; false for an FLV header, which open players already have. */
  keep(unit: MediaUnit, now: number, run: RunState): boolean {
    if (unit.slot === 'flv-header') {
      this.cache.add(unit); // only newcomers get this one
      return false;
    }
    if (unit.frameStart && unit.timestamp !== null) this.stitchTimestamp(unit.bytes, unit.timestamp, run);
    this.cache.add(unit);
    if (this.preRollSeconds > 0) this.preRoll.add(unit, now);
    return true;
  }

  send(unit: MediaUnit): void {
    this.viewers.forward(unit, this.cache);
  }

  close(): void {
    this.viewers.endAll();
    this.cache.clear();
    this.preRoll.clear();
  }

  private stitchTimestamp(bytes: Buffer, timestamp: number, run: RunState): void {
    run.timestampShift ??= this.lastOutTs === null ? 0 : this.lastOutTs + RESTART_GAP_MS - timestamp;
    this.lastOutTs = timestamp + run.timestampShift;
    setFlvTimestamp(bytes, this.lastOutTs);
  }
}
