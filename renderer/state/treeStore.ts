import { Observable } from '../lib/observable';

/** How long a camera found with "show in the site tree" stays highlighted. */
const HIGHLIGHT_MS = 3000;

/** What the wall and the tour ask of the site tree: which site is selected, and "show me this camera". */
export class TreeStore {
  /** The site the operator clicked last (a pages tour runs through its cameras). */
  readonly selectedSite = new Observable<string | null>(null);
  /** The camera to scroll to and highlight, for a few seconds; `seq` tells a repeated request apart. */
  readonly located = new Observable<{ cameraId: string; seq: number } | null>(null);
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  selectSite(siteId: string | null): void {
    this.selectedSite.set(siteId);
  }

  locate(cameraId: string): void {
    clearTimeout(this.timer);
    this.located.set({ cameraId, seq: ++this.seq });
    this.timer = setTimeout(() => this.located.set(null), HIGHLIGHT_MS);
  }
}
