/**
 * The decoded pictures a playback tile holds, by recorded time: the one on screen is the newest at
 * or before the clock's position; those the clock has passed are closed at once (a VideoFrame holds
 * decoder memory until closed), except a few kept behind while paused, for stepping back.
 */

export interface Closable {
  close(): void;
}

interface Entry<F> {
  ms: number;
  frame: F;
}

export class FrameShelf<F extends Closable> {
  private entries: Entry<F>[] = [];

  /** Puts a decoded picture in time order; a second picture of the same time is closed. */
  add(ms: number, frame: F): void {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1]!.ms > ms) i--;
    if (i > 0 && this.entries[i - 1]!.ms === ms) return frame.close();
    this.entries.splice(i, 0, { ms, frame });
  }

  /** The picture for the clock at `pos`: the newest at or before it. */
  pick(pos: number): Entry<F> | null {
    let found: Entry<F> | null = null;
    for (const entry of this.entries) {
      if (entry.ms > pos) break;
      found = entry;
    }
    return found;
  }

  /**
   * Closes what the clock has passed: going forward the pictures before the picked one (but the
   * `keepBehind` nearest), in reverse those after it. Before any picture is due, nothing.
   */
  trim(pos: number, direction: 1 | -1, keepBehind = 0): void {
    const picked = this.pick(pos);
    if (!picked) return;
    const at = this.entries.indexOf(picked);
    const gone = direction > 0 ? this.entries.splice(0, Math.max(0, at - keepBehind)) : this.entries.splice(at + 1);
    for (const entry of gone) entry.frame.close();
  }

  /** Pictures still to come in this direction (the one on screen not counted). */
  ahead(pos: number, direction: 1 | -1): number {
    const picked = this.pick(pos);
    const after = this.entries.filter((e) => e.ms > pos).length;
    return direction > 0 ? after : this.entries.length - after - (picked ? 1 : 0);
  }

  /** The next picture after `ms` (for a step forward), if decoded. */
  after(ms: number): number | null {
    return this.entries.find((e) => e.ms > ms)?.ms ?? null;
  }

  get size(): number {
    return this.entries.length;
  }

  get firstMs(): number | null {
    return this.entries[0]?.ms ?? null;
  }

  get lastMs(): number | null {
    return this.entries.at(-1)?.ms ?? null;
  }

  /** Closes every picture (a seek elsewhere, or the tile is gone). */
  clear(): void {
    for (const entry of this.entries.splice(0)) entry.frame.close();
  }
}
