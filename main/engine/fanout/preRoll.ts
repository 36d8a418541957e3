/**
 * The last N seconds of a session, kept whole GOPs at a time, so a clip can start before the
 * moment the operator pressed "record". Bounded by time and by bytes, even within one GOP.
 */
import type { MediaUnit } from '../container/mediaUnit.js';

interface Gop {
  startedAt: number;
  units: Buffer[];
  bytes: number;
}

const MAX_BYTES = 24 * 1024 * 1024;

export class PreRollBuffer {
  private gops: Gop[] = [];
  private bytes = 0;

  constructor(private readonly seconds: number) {}

  add(unit: MediaUnit, at: number): void {
    if (unit.slot) return; // headers live in the GOP cache
    if (unit.keyframe) {
      this.gops.push({ startedAt: at, units: [], bytes: 0 });
      this.trim(at);
    }
    const gop = this.gops.at(-1);
    if (!gop) return; // nothing decodable before the first keyframe
    gop.units.push(unit.bytes);
    gop.bytes += unit.bytes.length;
    this.bytes += unit.bytes.length;
    if (this.bytes > MAX_BYTES) this.shed();
  }

  /** Units from the keyframe at or just before `seconds` ago, and when that keyframe arrived. */
  snapshot(): { startedAt: number | null; units: Buffer[] } {
    return { startedAt: this.gops[0]?.startedAt ?? null, units: this.gops.flatMap((gop) => gop.units) };
  }

  clear(): void {
    this.gops = [];
    this.bytes = 0;
  }

  /** Drops whole GOPs while the next one alone still reaches back far enough. */
  private trim(now: number): void {
    const from = now - this.seconds * 1000;
    while (this.gops.length > 1 && this.gops[1]!.startedAt <= from) this.bytes -= this.gops.shift()!.bytes;
  }

  /** Over the cap: the oldest GOPs go first; a GOP that alone is over it goes too. */
  private shed(): void {
    while (this.gops.length > 1 && this.bytes > MAX_BYTES) this.bytes -= this.gops.shift()!.bytes;
    // One keyframe then minutes of P-frames: no clip can start inside this GOP without all of
    // it, so the pre-roll waits for the next keyframe rather than grow (one camera held 563 MB).
    if (this.bytes > MAX_BYTES) this.clear();
  }
}
