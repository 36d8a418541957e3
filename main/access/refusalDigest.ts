/**
 * Every refusal is audited, but one caller repeating a refused call (a stuck tile, a script) must
 * not grow the audit without bound. Per caller and window: the first refusal of a kind is written
 * at once, its repeats are merged into one record with a count, and past `perWindow` records the
 * caller's other refusals are merged into one more. Merged records are written when the window
 * ends (`flush`, called on each refusal and by a timer) or when the console closes.
 */
import type { AuditEntry } from './audit.js';

export type RefusalEntry = Omit<AuditEntry, 'console' | 'role' | 'person'>;

interface CallerWindow {
  start: number;
  written: number;
  /** Written refusals by kind, with the repeats not yet written. */
  kinds: Map<string, { entry: RefusalEntry; repeats: number }>;
  others: number;
}

export const REFUSAL_WINDOW_MS = 60_000;
export const REFUSALS_PER_WINDOW = 20;

export class RefusalDigest {
  private readonly callers = new Map<string, CallerWindow>();

  constructor(
    private readonly write: (callerId: string, entry: RefusalEntry) => void,
    private readonly now: () => number,
    private readonly windowMs = REFUSAL_WINDOW_MS,
    private readonly perWindow = REFUSALS_PER_WINDOW,
  ) {}

  offer(callerId: string, entry: RefusalEntry): void {
    this.flush();
    let window = this.callers.get(callerId);
    if (!window) {
      window = { start: this.now(), written: 0, kinds: new Map(), others: 0 };
      this.callers.set(callerId, window);
    }
    const kind = `${entry.cameraId ?? ''}\n${entry.siteId ?? ''}\n${entry.detail ?? ''}`;
    const seen = window.kinds.get(kind);
    if (seen) seen.repeats += 1;
    else if (window.written >= this.perWindow) window.others += 1;
    else {
      window.written += 1;
      window.kinds.set(kind, { entry, repeats: 0 });
      this.write(callerId, entry);
    }
  }

  /** Writes the merged records of windows that have ended (of all, when `all`; of one caller's, now, when named). */
  flush(all = false, onlyCaller?: string): void {
    const now = this.now();
    for (const [callerId, window] of this.callers) {
      if (onlyCaller !== undefined ? callerId !== onlyCaller : !all && now - window.start < this.windowMs) continue;
      this.callers.delete(callerId);
      for (const { entry, repeats } of window.kinds.values()) if (repeats > 0) this.write(callerId, { ...entry, repeats });
      if (window.others > 0) this.write(callerId, { action: 'refused', detail: 'other refusals of this caller, merged', repeats: window.others });
    }
  }
}
