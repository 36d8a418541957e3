/**
 * The unattended parts, with stand-ins for Electron's screen, windows, webContents, app and
 * powerSaveBlocker (the boundary that cannot run here).
 */
import { describe, expect, it } from 'vitest';
import type { DisplayInfo, WallWindowSetting } from '../domain/arrangement.js';
import { silentLogger } from '../lib/logger.js';
import { applyLoginItem, AT_LOGIN_FLAG, KeepAwake } from './keepAwake.js';
import { watchRenderer, type ContentsLike } from './rendererWatch.js';
import { WallWindows, type ScreenLike, type WallWindowLike } from './wallWindows.js';

const display = (id: number, x: number, primary = false): DisplayInfo => ({ id, primary, bounds: { x, y: 0, width: 1920, height: 1080 } });

class FakeScreen implements ScreenLike {
  displays: DisplayInfo[] = [];
  private listeners = new Set<() => void>();
  getAllDisplays = () => this.displays;
  on = (_e: string, l: () => void) => this.listeners.add(l);
  removeListener = (_e: string, l: () => void) => this.listeners.delete(l);
  change(displays: DisplayInfo[]) {
    this.displays = displays;
    for (const l of this.listeners) l();
  }
}

class FakeWindow implements WallWindowLike {
  bounds: DisplayInfo['bounds'] | null = null;
  fullscreen = false;
  closed = false;
  constructor(readonly index: number) {}
  setBounds = (b: DisplayInfo['bounds']) => void (this.bounds = b);
  setFullScreen = (f: boolean) => void (this.fullscreen = f);
  close = () => void (this.closed = true);
  isDestroyed = () => this.closed;
}

describe('WallWindows', () => {
  it('opens a full-screen window per wall on its monitor, moves one when its monitor is unplugged, and returns it', () => {
    const screen = new FakeScreen();
    screen.displays = [display(1, 0, true), display(2, 1920), display(3, 3840)];
    const opened: FakeWindow[] = [];
    const walls: WallWindowSetting[] = [
      { index: 1, displayId: 2, presetId: 'p1', tour: false, fullscreen: true },
      { index: 2, displayId: 3, presetId: 'p2', tour: true, fullscreen: true },
    ];
    const manager = new WallWindows({ screen, open: (i) => (opened.push(new FakeWindow(i)), opened.at(-1)!), walls: () => walls, policy: () => 'move', log: silentLogger });
    manager.apply();
    expect(opened.map((w) => [w.index, w.bounds?.x, w.fullscreen])).toEqual([[1, 1920, true], [2, 3840, true]]);

    screen.change([display(1, 0, true), display(2, 1920)]);
    expect(opened).toHaveLength(2); // the same window moved, not a new one
    expect(opened[1]!.bounds?.x).toBe(1920);
    expect(opened.map((w) => w.fullscreen)).toEqual([false, false]); // two walls share one monitor

    screen.change([display(1, 0, true), display(2, 1920), display(3, 3840)]);
    expect(opened[1]!.bounds?.x).toBe(3840);
    expect(opened.map((w) => w.fullscreen)).toEqual([true, true]);
    manager.dispose();
    expect(opened.every((w) => w.closed)).toBe(true);
  });

  it('closes a waiting wall’s window until its monitor returns', () => {
    const screen = new FakeScreen();
    screen.displays = [display(1, 0, true), display(2, 1920)];
    const opened: FakeWindow[] = [];
    const walls: WallWindowSetting[] = [{ index: 1, displayId: 2, presetId: null, tour: false, fullscreen: true }];
    const manager = new WallWindows({ screen, open: (i) => (opened.push(new FakeWindow(i)), opened.at(-1)!), walls: () => walls, policy: () => 'wait', log: silentLogger });
    manager.apply();
    screen.change([display(1, 0, true)]);
    expect(opened[0]!.closed).toBe(true);
    screen.change([display(1, 0, true), display(2, 1920)]);
    expect(opened).toHaveLength(2);
    expect(opened[1]!.closed).toBe(false);
    manager.dispose();
  });
});

describe('watchRenderer', () => {
  function fakeContents() {
    const handlers = new Map<string, (...args: never[]) => void>();
    const contents = { reloads: 0, on: (e: string, l: (...args: never[]) => void) => handlers.set(e, l), reload() { this.reloads++; }, isDestroyed: () => false };
    return { contents, fire: (e: string, ...args: unknown[]) => (handlers.get(e) as (...a: unknown[]) => void)(...args) };
  }

  it('reloads a crashed renderer, but not one that exited cleanly', () => {
    const { contents, fire } = fakeContents();
    watchRenderer(contents as unknown as ContentsLike, silentLogger);
    fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reloads).toBe(1);
  });

  it('reloads a hung renderer only if it stays hung past the grace period', () => {
    const { contents, fire } = fakeContents();
    const timers: (() => void)[] = [];
    watchRenderer(contents as unknown as ContentsLike, silentLogger, 10_000, ((fn: () => void) => (timers.push(fn), timers.length)) as never, (() => timers.pop()) as never);
    fire('unresponsive');
    fire('responsive');
    expect(timers).toHaveLength(0);
    fire('unresponsive');
    timers[0]!();
    expect(contents.reloads).toBe(1);
  });
});

describe('start at login and keep awake', () => {
  it('registers the login item with a flag, and blocks display sleep only while asked', () => {
    const calls: unknown[] = [];
    applyLoginItem({ setLoginItemSettings: (s) => void calls.push(s) }, true);
    expect(calls).toEqual([{ openAtLogin: true, args: [AT_LOGIN_FLAG] }]);
    const started = new Set<number>();
    let next = 1;
    const awake = new KeepAwake({ start: () => (started.add(next), next++), stop: (id) => void started.delete(id), isStarted: (id) => started.has(id) });
    awake.set(true);
    awake.set(true);
    expect(started.size).toBe(1);
    awake.set(false);
    expect(started.size).toBe(0);
  });
});
