/**
 * The wall windows of a multi-monitor console: one window per saved wall, placed by the pure
 * arrangement rules, and placed again whenever a monitor is plugged in or out. It names only the
 * shapes it uses from Electron's `screen` and BrowserWindow, so it runs (and is tested) without them.
 */
import { placeWalls, type DisplayInfo, type MissingDisplayPolicy, type Placement, type WallWindowSetting } from '../domain/arrangement.js';
import type { Logger } from '../lib/logger.js';

export interface ScreenLike {
  getAllDisplays(): DisplayInfo[];
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
}

export interface WallWindowLike {
  setBounds(bounds: DisplayInfo['bounds']): void;
  setFullScreen(fullscreen: boolean): void;
  close(): void;
  isDestroyed(): boolean;
}

export interface WallWindowsOptions {
  screen: ScreenLike;
  /** Opens wall window `index` (it loads the renderer with `?wall=<index>`). */
  open(index: number, bounds: DisplayInfo['bounds']): WallWindowLike;
  walls(): WallWindowSetting[];
  policy(): MissingDisplayPolicy;
  log: Logger;
}

const EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

export class WallWindows {
  private readonly windows = new Map<number, WallWindowLike>();
  private readonly onDisplaysChanged = () => this.apply();

  constructor(private readonly options: WallWindowsOptions) {
    for (const event of EVENTS) options.screen.on(event, this.onDisplaysChanged);
  }

  /** Places every saved wall on the monitors there are now; returns what it did. */
  apply(): Placement[] {
    const placements = placeWalls(this.options.walls(), this.options.screen.getAllDisplays(), this.options.policy());
    for (const placement of placements) {
      const existing = this.windows.get(placement.index);
      if ('waitingFor' in placement) {
        // Its monitor is gone and the wall waits for it: close the window until it returns.
        if (existing && !existing.isDestroyed()) existing.close();
        this.windows.delete(placement.index);
        this.options.log.info('wall waits for its monitor', { wall: placement.index, display: placement.waitingFor });
        continue;
      }
      const win = existing && !existing.isDestroyed() ? existing : this.options.open(placement.index, placement.bounds);
      this.windows.set(placement.index, win);
      win.setFullScreen(false);
      win.setBounds(placement.bounds);
      win.setFullScreen(placement.fullscreen);
      if (placement.moved) this.options.log.warn('wall moved to another monitor', { wall: placement.index, display: placement.displayId });
    }
    // Walls no longer in the saved list close.
    for (const [index, win] of this.windows) {
      if (placements.some((p) => p.index === index)) continue;
      if (!win.isDestroyed()) win.close();
      this.windows.delete(index);
    }
    return placements;
  }

  dispose(): void {
    for (const event of EVENTS) this.options.screen.removeListener(event, this.onDisplaysChanged);
    for (const win of this.windows.values()) if (!win.isDestroyed()) win.close();
    this.windows.clear();
  }
}
