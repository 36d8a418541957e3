/**
 * Which `/list` requests of the LAN recorder API are written to the audit. Another console's
 * timeline asks /list each time it pans, zooms or reopens, dozens of times an hour: written each
 * time, they buried the records that matter (who played which footage) under lookups. A lookup
 * still tells something (when a household's camera recorded and was busy), so it is not dropped:
 * the first of each (requester, camera) is written, and its repeats within the window are not.
 * Playback (`/get`) is audited every time, apart from this. Bounded: the oldest pair is forgotten first.
 */

/** A timeline left open refreshes far more often; an officer coming back to it later is written again. */
export const LIST_AUDIT_WINDOW_MS = 10 * 60_000;

export class ListAuditGate {
  /** When each (requester, camera) was last written, the least recently written first. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly windowMs = LIST_AUDIT_WINDOW_MS,
    private readonly now: () => number = Date.now,
    private readonly maxPairs = 1024,
  ) {}

  /** Whether this lookup is to be written: the first of its (requester, camera) in the window. */
  admit(requester: string, cameraId: string): boolean {
    const key = `${requester}\n${cameraId}`;
    const at = this.now();
    const last = this.written.get(key);
    if (last !== undefined && at - last < this.windowMs) return false;
    this.written.delete(key);
    this.written.set(key, at);
    while (this.written.size > this.maxPairs) this.written.delete(this.written.keys().next().value!);
    return true;
  }
}
