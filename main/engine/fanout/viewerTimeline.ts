/**
 * One FLV viewer's own timeline, for keyframe-only mode.
 *
 * mpegts.js holds back the newest sample of every batch until the next one arrives (it needs the
 * next timestamp for the sample's duration), and a batch of one sample is not remuxed at all. At
 * one keyframe a second that kept each picture 1–2 s, then appended two at once 2 s apart in media
 * time, and the player's latency chaser skipped one: 0.5 pictures a second, each up to 2.3 s old.
 *
 * So a keyframe-only viewer gets each keyframe twice, the copy right behind it: the copy is the
 * sample mpegts.js holds, and the keyframe itself goes on screen as it arrives. Their timestamps
 * are paced `PACE_MS` apart, not a second apart, so the player is never more than two short
 * samples behind its live edge and never chases. Back at full rate the viewer's timeline
 * continues from where pacing left it, shifted from the session's by a constant.
 */
import { flvTimestamp, setFlvTimestamp } from '../container/flv.js';

/** Media time between a paced keyframe and its copy (and the next keyframe): one frame at 25 fps. */
export const PACE_MS = 40;

export class ViewerTimeline {
  /** Added to the session's timestamps at full rate. */
  private shift = 0;
  private lastOut: number | null = null;
  private pacing = false;

  /** The tags to send for one FLV frame tag: itself (retimed if this viewer's timeline moved). */
  full(tag: Buffer): Buffer[] {
    const timestamp = flvTimestamp(tag);
    if (this.pacing) {
      this.pacing = false;
      // Continue one frame after the last paced copy.
      this.shift = this.lastOut === null ? 0 : this.lastOut + PACE_MS - timestamp;
    }
    const out = timestamp + this.shift;
    this.lastOut = out;
    if (this.shift === 0) return [tag]; // the common case: shared bytes, no copy
    return [retimed(tag, out)];
  }

  /** The tags to send for one keyframe tag in keyframe-only mode: the keyframe and its copy. */
  keyframe(tag: Buffer): Buffer[] {
    this.pacing = true;
    const out = this.lastOut === null ? flvTimestamp(tag) : this.lastOut + PACE_MS;
    this.lastOut = out + PACE_MS;
    return [retimed(tag, out), retimed(tag, out + PACE_MS)];
  }
}

function retimed(tag: Buffer, timestamp: number): Buffer {
  const copy = Buffer.from(tag); // the session's bytes are shared with every other viewer
  setFlvTimestamp(copy, timestamp);
  return copy;
}
