/**
 * The camera's video as it arrives, for viewers that must never get a conversion (recorders): the
 * session's own output when it copies, or the MPEG-TS copy a transcoding ffmpeg writes beside its
 * H.264. Same rules as the tiles' fan-out: a newcomer starts from the cached GOP, a slow one skips
 * to the next keyframe; viewers made for one container are ended when it changes.
 */
import type { Container, MediaUnit } from '../container/mediaUnit.js';
import { GopCache } from './gopCache.js';
import { ViewerSet, type Viewer } from './viewerSet.js';

export class OriginalFeed {
  private readonly viewers = new ViewerSet();
  private readonly cache = new GopCache();
  private deliveredContainer: Container | null = null;

  get size(): number {
    return this.viewers.size;
  }

  has(viewer: Viewer): boolean {
    return this.viewers.has(viewer);
  }

  add(viewer: Viewer): void {
    this.viewers.addRecorder(viewer, this.cache);
  }

  delete(viewer: Viewer): boolean {
    return this.viewers.delete(viewer);
  }

  /**
   * A new run: its headers and GOP replace the last run's; viewers resume at its first keyframe (or
   * end, made for another container). `switched`: this run has another output than the last (an
   * H.265 camera's tiles came or went), and viewers are told so.
   */
  beginRun(container: Container, switched = false): void {
    if (this.deliveredContainer !== null && this.deliveredContainer !== container) {
      this.viewers.endAll();
      this.deliveredContainer = container;
    }
    this.cache.clear();
    this.viewers.resync();
    if (switched) this.viewers.tellOutputSwitched();
  }

  /** The run's first unit of the camera's video arrived in `container`: viewers of the other one are ended. */
  deliver(container: Container): void {
    if (this.deliveredContainer !== null && this.deliveredContainer !== container) this.viewers.endAll();
    this.deliveredContainer = container;
  }

  push(unit: MediaUnit): void {
    this.cache.add(unit);
    if (unit.slot === 'flv-header') return; // only newcomers get this one, as on the tiles' side
    this.viewers.forward(unit, this.cache);
  }

  /**
   * The cached GOP (headers first; the keyframe alone with `keyframeOnly`) in the container it
   * came in, for ffmpeg to decode into a still; null until a run delivered a whole keyframe.
   */
  picture(keyframeOnly: boolean): { units: Buffer[]; container: Container } | null {
    const units = this.cache.snapshot(keyframeOnly);
    return units.length > 0 && this.deliveredContainer !== null ? { units, container: this.deliveredContainer } : null;
  }

  endAll(): void {
    this.viewers.endAll();
  }

  close(): void {
    this.viewers.endAll();
    this.cache.clear();
  }
}
