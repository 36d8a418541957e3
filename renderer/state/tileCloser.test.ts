import { describe, expect, it } from 'vitest';
import type { Channel, Result, WallApi } from '../../preload/api';
import { namedLayout } from '../../preload/layouts';
import { CamerasStore } from './camerasStore';
import { EvidenceStore } from './evidenceStore';
import { TileCloser } from './tileCloser';
import { WallStore } from './wallStore';

const WALL = { layout: namedLayout('4')!, tiles: ['gate', 'square', 'gate2', null] };

/** A host with this wall, which starts clips and stops them; remembers what was asked. */
function setUp() {
  const calls: Channel[] = [];
  const answers: Partial<Record<Channel, Result<unknown>>> = {
    'wall.get': { ok: true, value: WALL },
    'wall.set': { ok: true, value: undefined },
    'evidence.clipStart': { ok: true, value: { clipId: 'clip-1', preRollSeconds: 0 } },
    'evidence.clipStop': { ok: false, code: 'internal', message: 'not here' },
  };
  const api: WallApi = {
    invoke: async (channel) => {
      calls.push(channel);
      return answers[channel] as never;
    },
    on: () => () => undefined,
  };
  const wall = new WallStore(api);
  const evidence = new EvidenceStore(api);
  const closer = new TileCloser(wall, evidence, new CamerasStore(api));
  return { wall, evidence, closer, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function recordingGate() {
  const s = setUp();
  await s.wall.load();
  s.evidence.request('clip', { id: 'gate', name: '李家大门', household: false });
  await settle();
  return s;
}

describe('closing a tile whose camera records', () => {
  it('closes a tile that does not record without asking', async () => {
    const { wall, closer } = await recordingGate();
    wall.clear(1);
    expect(closer.question.get()).toBeNull();
    expect(wall.view.get().wall.tiles).toEqual(['gate', null, 'gate2', null]);
  });

  it('asks first, and keeps the tile when the question is cancelled', async () => {
    const { wall, closer } = await recordingGate();
    wall.clear(0);
    expect(closer.question.get()).toEqual({ index: 0, cameraId: 'gate', cameraName: 'gate' });
    closer.answer(null);
    expect(wall.view.get().wall.tiles[0]).toBe('gate');
  });

  it('stops the clip and closes, or closes and lets the clip run', async () => {
    const stopped = await recordingGate();
    stopped.wall.clear(0);
    stopped.closer.answer('stop');
    expect(stopped.wall.view.get().wall.tiles[0]).toBeNull();
    expect(stopped.calls).toContain('evidence.clipStop');

    const kept = await recordingGate();
    kept.wall.clear(0);
    kept.closer.answer('keep');
    expect(kept.wall.view.get().wall.tiles[0]).toBeNull();
    expect(kept.calls).not.toContain('evidence.clipStop');
    expect(kept.evidence.recordings.get().has('gate')).toBe(true);
  });

  it('does not close a tile that shows another camera by the time the operator answers', async () => {
    const { wall, closer } = await recordingGate();
    wall.clear(0);
    wall.swap(0, 1);
    closer.answer('keep');
    expect(wall.view.get().wall.tiles.slice(0, 2)).toEqual(['square', 'gate']);
  });
});
