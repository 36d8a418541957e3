/**
 * Wall windows (多屏): the same renderer opened with `?wall=N` shows only wall N of the saved
 * arrangement (`unattended.get`): that wall's preset, or its preset's tour. Electron opens one such
 * window per monitor; in headless mode each is a browser window. Pure helpers, no React.
 */
import type { Preset, Result, UnattendedSettingsView, WallApi, WallState } from '../../../preload/api';
import { namedLayout } from '../../../preload/layouts';

export const WALL_INDEXES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type WallWindowSetting = UnattendedSettingsView['walls'][number];

/** `?wall=N` with N in 1…8; anything else (absent, 0, 9, "x") is the main console. */
export function wallIndexOf(search: string): number | null {
  const raw = new URLSearchParams(search).get('wall');
  if (raw === null || !/^[1-8]$/.test(raw)) return null;
  return Number(raw);
}

/**
 * The address of wall window N on this origin, never with the token: the page keeps the token in
 * this tab's sessionStorage, and a window opened from this tab (rel="opener") gets a copy of it.
 */
export function wallUrl(origin: string, index: number): string {
  return `${origin}/?wall=${index}`;
}

/** What a wall window shows: its preset (held or touring), or why it shows nothing. */
export type WallTarget =
  | { kind: 'loading' }
  | { kind: 'unassigned' }
  | { kind: 'missing'; presetId: string }
  | { kind: 'preset'; preset: Preset; tour: boolean };

export function wallTarget(settings: UnattendedSettingsView | null, presets: readonly Preset[] | null, index: number): WallTarget {
  if (settings === null || presets === null) return { kind: 'loading' };
  const setting = settings.walls.find((w) => w.index === index);
  if (!setting || setting.presetId === null) return { kind: 'unassigned' };
  const preset = presets.find((p) => p.id === setting.presetId);
  if (!preset) return { kind: 'missing', presetId: setting.presetId };
  // "Tour" only means something for a preset that has one; otherwise the wall is held.
  return { kind: 'preset', preset, tour: setting.tour && preset.tour !== null };
}

/** Changes only when what the window must put up changes (not on every unrelated push). */
export function targetKey(target: WallTarget): string {
  switch (target.kind) {
    case 'preset':
      return JSON.stringify(['preset', target.preset.id, target.tour, target.preset.wall, target.tour ? target.preset.tour : null]);
    case 'missing':
      return `missing:${target.presetId}`;
    default:
      return target.kind;
  }
}

const EMPTY_LAYOUT = namedLayout('1')!;
const EMPTY_WALL: WallState = { layout: EMPTY_LAYOUT, tiles: [null] };

/**
 * Makes an API read-only for the wall: `wall.get` answers with this window's own wall and
 * `wall.set` stays in the window. A wall window never writes the main window's wall, whatever the
 * operator or a tour does on it. Every other call goes to the host unchanged.
 */
export function wallWindowInvoke(invoke: WallApi['invoke'], ownWall: () => WallState | null): WallApi['invoke'] {
  return ((channel: string, payload?: unknown) => {
    if (channel === 'wall.get') return Promise.resolve({ ok: true, value: ownWall() ?? EMPTY_WALL } satisfies Result<WallState>);
    if (channel === 'wall.set') return Promise.resolve({ ok: true, value: payload as WallState } satisfies Result<WallState>);
    return (invoke as (c: string, p?: unknown) => Promise<Result<unknown>>)(channel, payload);
  }) as WallApi['invoke'];
}

/** Wall windows of this browser hear at once when an admin saves the arrangement in another tab. */
export const ARRANGEMENT_CHANNEL = 'village-wall.walls';

export function announceArrangement(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(ARRANGEMENT_CHANNEL);
  channel.postMessage('saved');
  channel.close();
}

export function onArrangementSaved(listener: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(ARRANGEMENT_CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}

/** One row per wall window 1…8 for the editor: the saved one, or an unused blank. */
export interface WallRow extends WallWindowSetting {
  used: boolean;
}

export function wallRows(walls: readonly WallWindowSetting[]): WallRow[] {
  return WALL_INDEXES.map((index) => {
    const saved = walls.find((w) => w.index === index);
    return saved ? { ...saved, used: true } : { index, displayId: null, presetId: null, tour: false, fullscreen: true, used: false };
  });
}

/** The rows an admin ticked, as `unattended.set` takes them (main opens a window for each). */
export function wallsOf(rows: readonly WallRow[]): WallWindowSetting[] {
  return rows.filter((r) => r.used).map(({ index, displayId, presetId, tour, fullscreen }) => ({ index, displayId, presetId, tour, fullscreen }));
}
