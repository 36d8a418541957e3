/**
 * The viewers of one session and what each has been sent: a newcomer waits for a decodable start
 * (or gets the cached GOP at once), a slow viewer is skipped to the next keyframe, and a viewer in
 * keyframe-only mode (a tile under decode pressure) gets headers and keyframes only — about one
 * picture a second at almost no decode cost. Switching modes always resumes on a keyframe, so
 * the decoder never sees a frame whose references it skipped. FLV viewers in keyframe mode get
 * each keyframe on a paced timeline of their own (`ViewerTimeline`), so it shows as it arrives.
 */
import type { GopCache } from './gopCache.js';
import { flvClockTag, flvTimestamp } from '../container/flv.js';
import { tsClockPacket, tsPictureEndPacket } from '../container/mpegts.js';
import type { MediaUnit } from '../container/mediaUnit.js';
import { ViewerTimeline } from './viewerTimeline.js';

export interface Viewer {
  send(chunk: Buffer): void;
  /** Bytes accepted but not yet written to the network. */
  readonly backlog: number;
  /** The session can no longer feed this viewer (camera removed, output changed): close it. */
  end(): void;
  /**
   * The session began another run for a new output (an H.265 camera copied for recorders alone,
   * converted once a tile comes): what follows is a new timeline of the same container. Recorders
   * end their segment here, with that reason.
   */
  outputSwitched?(): void;
}

export type ViewerMode = 'full' | 'keyframes';

interface Entry {
  streaming: boolean;
  needKeyframe: boolean;
  mode: ViewerMode;
  /** Inside the units of a keyframe (MPEG-TS spreads one frame over many packets). */
  inKeyframe: boolean;
  timeline: ViewerTimeline;
  /** A player (not a recorder): its keyframes are preceded by the host's clock (FLV tag, or MPEG-TS packet). */
  clocked: boolean;
}

/** A viewer more than this far behind is skipped to the next keyframe. */
const MAX_VIEWER_BACKLOG = 2 * 1024 * 1024;

export class ViewerSet {
  private readonly entries = new Map<Viewer, Entry>();

  get size(): number {
    return this.entries.size;
  }

  has(viewer: Viewer): boolean {
    return this.entries.has(viewer);
  }

  /** A new viewer: the cached GOP at once when there is one, else it waits for the first. */
  add(viewer: Viewer, cache: GopCache, mode: ViewerMode = 'full', clocked = true): void {
    const entry: Entry = { streaming: false, needKeyframe: false, mode, inKeyframe: false, timeline: new ViewerTimeline(), clocked };
    this.entries.set(viewer, entry);
    if (cache.ready) this.start(viewer, entry, cache);
  }

  /** A recorder: starts like a player, but its keyframes carry no host clock (that is the players' latency probe). */
  addRecorder(viewer: Viewer, cache: GopCache): void {
    this.add(viewer, cache, 'full', false);
  }

  /** A viewer that has already been sent its start (a recorder given the pre-roll). */
  addStarted(viewer: Viewer): void {
    this.entries.set(viewer, { streaming: true, needKeyframe: false, mode: 'full', inKeyframe: false, timeline: new ViewerTimeline(), clocked: false });
  }

  delete(viewer: Viewer): boolean {
    return this.entries.delete(viewer);
  }

  setMode(viewer: Viewer, mode: ViewerMode): boolean {
    const entry = this.entries.get(viewer);
    if (!entry) return false;
    if (entry.mode !== mode) entry.needKeyframe = true;
    entry.mode = mode;
    return true;
  }

  /** The producer's new run has another output than the last (see `Viewer.outputSwitched`). */
  tellOutputSwitched(): void {
    for (const viewer of this.entries.keys()) viewer.outputSwitched?.();
  }

  /** A new run of the producer: everyone resumes at its first keyframe. */
  resync(): void {
    for (const entry of this.entries.values()) entry.needKeyframe = entry.streaming;
  }

  forward(unit: MediaUnit, cache: GopCache): void {
    for (const [viewer, entry] of this.entries) {
      if (!entry.streaming) {
        if (cache.ready) this.start(viewer, entry, cache);
        continue;
      }
      if (!unit.frame) {
        viewer.send(unit.bytes); // headers and other tables always go through
        continue;
      }
      if (unit.frameStart) {
        // MPEG-TS, keyframes only: the keyframe sent last is whole now. Said, since a picture over
        // 64 KiB carries no PES length and the next one this viewer gets is a GOP away.
        if (entry.inKeyframe && !unit.keyframe && entry.mode === 'keyframes' && entry.clocked && unit.timestamp === null) viewer.send(tsPictureEndPacket());
        entry.inKeyframe = unit.keyframe;
      }
      if (viewer.backlog > MAX_VIEWER_BACKLOG) {
        entry.needKeyframe = true; // a slow viewer skips ahead; it never holds up the others
        continue;
      }
      if (entry.needKeyframe && !(unit.keyframe && unit.frameStart)) continue;
      entry.needKeyframe = false;
      if (entry.mode === 'keyframes' && !entry.inKeyframe) continue;
      this.deliver(viewer, entry, unit);
    }
  }

  /** One frame unit to one viewer, on that viewer's timeline (FLV tags carry a timestamp; TS packets go as they are). */
  private deliver(viewer: Viewer, entry: Entry, unit: MediaUnit): void {
    if (unit.timestamp === null) {
      if (unit.keyframe && entry.clocked) viewer.send(tsClockPacket(Date.now()));
      return viewer.send(unit.bytes);
    }
    const tags = entry.mode === 'keyframes' ? entry.timeline.keyframe(unit.bytes) : entry.timeline.full(unit.bytes);
    if (unit.keyframe && entry.clocked) viewer.send(flvClockTag(flvTimestamp(tags[0]!), Date.now()));
    for (const tag of tags) viewer.send(tag);
  }

  /** Ends the viewers `which` picks (all by default) and forgets them. */
  endAll(which: (streaming: boolean) => boolean = () => true): void {
    for (const [viewer, entry] of [...this.entries]) {
      if (!which(entry.streaming)) continue;
      this.entries.delete(viewer);
      viewer.end();
    }
  }

  private start(viewer: Viewer, entry: Entry, cache: GopCache): void {
    for (const header of cache.headerUnits()) viewer.send(header);
    for (const unit of cache.frames(entry.mode === 'keyframes')) this.deliver(viewer, entry, unit);
    entry.streaming = true;
    entry.inKeyframe = entry.mode === 'keyframes';
  }
}
