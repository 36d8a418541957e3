import { describe, expect, it } from 'vitest';
import type { Channel, Preset, PushEvent, Result, UnattendedSettingsView, WallApi, WallState } from '../../../preload/api';
import { namedLayout } from '../../../preload/layouts';
import { Observable } from '../../lib/observable';
import { createStores } from '../../state/createStores';
import type { LinkStatus } from '../../transport';
import { targetKey, wallIndexOf, wallRows, wallsOf, wallTarget, wallUrl, wallWindowInvoke } from './wallWindow';
import { WallWindowController } from './wallWindowController';

const four = namedLayout('4')!;
const wallOf = (...tiles: (string | null)[]): WallState => ({ layout: four, tiles: [...tiles, null, null, null, null].slice(0, 4) });
const preset = (id: string, wall: WallState, tour: Preset['tour'] = null): Preset => ({ id, name: `预案${id}`, siteId: 'town', wall, tour });
const settings = (walls: UnattendedSettingsView['walls']): UnattendedSettingsView => ({
  walls,
  startAtLogin: false,
  restoreWalls: false,
  keepAwake: true,
  onMissingDisplay: 'move',
  autoLockMinutes: 10,
});
const wallSetting = (index: number, presetId: string | null, tour = false) => ({ index, displayId: null, presetId, tour, fullscreen: true });

describe('wall windows', () => {
  it('reads ?wall=1…8 and nothing else', () => {
    expect(wallIndexOf('?wall=1')).toBe(1);
    expect(wallIndexOf('?x=2&wall=8')).toBe(8);
    for (const search of ['', '?wall=', '?wall=0', '?wall=9', '?wall=1x', '?wall=01', '?wall=-1']) expect(wallIndexOf(search)).toBeNull();
  });

  it('links to a wall window without the token', () => {
    expect(wallUrl('http://127.0.0.1:4000', 3)).toBe('http://127.0.0.1:4000/?wall=3');
  });

  it('finds what a wall shows: its preset, its tour only if the preset has one, or why nothing', () => {
    const toured = preset('a', wallOf('c1'), { kind: 'pages', cameraIds: ['c1', 'c2'], dwellSeconds: 10 });
    const held = preset('b', wallOf('c2'));
    const s = settings([wallSetting(1, 'a', true), wallSetting(2, 'b', true), wallSetting(3, null), wallSetting(4, 'gone')]);
    expect(wallTarget(null, [], 1)).toEqual({ kind: 'loading' });
    expect(wallTarget(s, null, 1)).toEqual({ kind: 'loading' });
    expect(wallTarget(s, [toured, held], 1)).toEqual({ kind: 'preset', preset: toured, tour: true });
    expect(wallTarget(s, [toured, held], 2)).toEqual({ kind: 'preset', preset: held, tour: false });
    expect(wallTarget(s, [toured, held], 3)).toEqual({ kind: 'unassigned' });
    expect(wallTarget(s, [toured, held], 4)).toEqual({ kind: 'missing', presetId: 'gone' });
    expect(wallTarget(s, [toured, held], 5)).toEqual({ kind: 'unassigned' });
  });

  it('keys a target by what goes on the wall, not by the preset object', () => {
    const a = preset('a', wallOf('c1'));
    expect(targetKey({ kind: 'preset', preset: a, tour: false })).toBe(targetKey({ kind: 'preset', preset: { ...a, wall: wallOf('c1') }, tour: false }));
    expect(targetKey({ kind: 'preset', preset: a, tour: false })).not.toBe(targetKey({ kind: 'preset', preset: { ...a, wall: wallOf('c2') }, tour: false }));
    expect(targetKey({ kind: 'preset', preset: { ...a, name: 'renamed' }, tour: false })).toBe(targetKey({ kind: 'preset', preset: a, tour: false }));
  });

  it('keeps wall.get and wall.set inside the window and passes every other call on', async () => {
    const sent: string[] = [];
    const host = (async (channel: string) => {
      sent.push(channel);
      return { ok: true, value: [] };
    }) as unknown as WallApi['invoke'];
    const own = wallOf('c1');
    const invoke = wallWindowInvoke(host, () => own);
    expect(await invoke('wall.get')).toEqual({ ok: true, value: own });
    expect(await invoke('wall.set', wallOf('c9'))).toEqual({ ok: true, value: wallOf('c9') });
    await invoke('presets.list');
    expect(sent).toEqual(['presets.list']);
    expect((await wallWindowInvoke(host, () => null)('wall.get')) as Result<WallState>).toMatchObject({ ok: true, value: { tiles: [null] } });
  });

  it('edits all eight walls and saves only the ones in use', () => {
    const rows = wallRows([wallSetting(2, 'a', true)]);
    expect(rows.map((r) => [r.index, r.used])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [i, i === 2]));
    rows[4] = { ...rows[4]!, used: true, presetId: 'b' };
    expect(wallsOf(rows)).toEqual([wallSetting(2, 'a', true), { index: 5, displayId: null, presetId: 'b', tour: false, fullscreen: true }]);
  });
});

/** A host with presets and an arrangement, counting the calls it gets. */
function fakeHost(presets: Preset[], arrangement: UnattendedSettingsView) {
  const calls: Channel[] = [];
  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>();
  const state = { presets, arrangement };
  const answers: Partial<Record<Channel, () => unknown>> = {
    'presets.list': () => state.presets,
    'unattended.get': () => state.arrangement,
    'cameras.list': () => [],
    'sites.list': () => [],
    'stream.statuses': () => [],
    'wall.get': () => ({ layout: namedLayout('9')!, tiles: Array(9).fill('main-wall') }),
    'access.state': () => ({ consoleId: 'c', scope: null, role: 'operator', adminUntil: null, pinSet: true, setup: false, lockedUntil: null }),
    'app.info': () => ({ version: '0', mode: 'headless', ffmpeg: { ok: true, path: null, source: null, version: null } }),
    'stream.open': () => ({ url: 'ws://x', type: 'flv', viewerId: 'viewer-0001' }),
  };
  const api: WallApi = {
    invoke: (async (channel: Channel) => {
      calls.push(channel);
      const answer = answers[channel];
      return answer ? { ok: true, value: answer() } : { ok: false, code: 'not_found', message: channel };
    }) as WallApi['invoke'],
    on: ((event: PushEvent, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    }) as WallApi['on'],
  };
  const push = (event: PushEvent) => listeners.get(event)?.forEach((l) => l(null));
  return { api, calls, state, push };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a wall window', () => {
  const link = new Observable<LinkStatus>({ state: 'open', failures: 0, everOpened: true });

  it('shows its preset without ever writing the main wall, and follows the preset when it changes', async () => {
    const host = fakeHost([preset('p1', wallOf('c1', 'c2', 'c3', 'c4'))], settings([wallSetting(1, 'p1')]));
    const stores = createStores(host.api, link);
    const controller = new WallWindowController(stores, 1);
    const stop = controller.start();
    await controller.reload();
    expect(controller.view.get().target).toMatchObject({ kind: 'preset', preset: { id: 'p1' } });
    expect(stores.wall.view.get().wall.tiles).toEqual(['c1', 'c2', 'c3', 'c4']);

    // What the operator does on a wall window stays there.
    stores.wall.clear(0);
    expect(stores.wall.view.get().wall.tiles[0]).toBeNull();

    host.state.presets = [preset('p1', wallOf('c5'))];
    host.push('presets.changed');
    await settle();
    await controller.reload();
    expect(stores.wall.view.get().wall.tiles).toEqual(['c5', null, null, null]);
    // (Electron's link is open before the window wraps the API, so one `wall.get` may go out: a read.)
    expect(host.calls).not.toContain('wall.set');
    stop();
  });

  it('runs the preset tour when asked, and says when no preset is assigned', async () => {
    const tour = { kind: 'pages' as const, cameraIds: ['a', 'b', 'c', 'd', 'e'], dwellSeconds: 10 };
    const host = fakeHost([preset('p1', wallOf(), tour)], settings([wallSetting(2, 'p1', true)]));
    const stores = createStores(host.api, link);
    const two = new WallWindowController(stores, 2);
    await two.reload();
    expect(stores.tour.view.get().running).toMatchObject({ presetId: 'p1' });
    expect(stores.wall.view.get().wall.tiles).toEqual(['a', 'b', 'c', 'd']);

    host.state.arrangement = settings([]);
    await two.reload();
    expect(two.view.get().target).toEqual({ kind: 'unassigned' });
    expect(stores.tour.view.get().running).toBeNull();
    expect(host.calls).not.toContain('wall.set');
  });
});
