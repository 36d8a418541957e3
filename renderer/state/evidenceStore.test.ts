import { describe, expect, it } from 'vitest';
import type { Channel, EvidenceItem, Result, WallApi } from '../../preload/api';
import { EvidenceStore } from './evidenceStore';

const item = (kind: EvidenceItem['kind'], file: string): EvidenceItem => ({
  file, kind, cameraId: 'gate', cameraName: '李家大门', startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:00:05Z', sha256: 'x', bytes: 1, partial: false, partialReason: null, reason: null, durationSeconds: kind === 'clip' ? 5 : null, household: false,
});

/** Answers each call from `answers`, and remembers what was asked. */
function fakeApi(answers: Partial<Record<Channel, Result<unknown>>>) {
  const calls: [Channel, unknown][] = [];
  const api: WallApi = {
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return (answers[channel] ?? { ok: false, code: 'internal', message: 'unexpected' }) as never;
    },
    on: () => () => undefined,
  };
  return { api, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const PUBLIC = { id: 'square', name: '广场', household: false };
const HOUSEHOLD = { id: 'gate', name: '李家大门', household: true };

describe('evidence from a tile', () => {
  it('takes a snapshot of a public camera at once, and names the file', async () => {
    const { api, calls } = fakeApi({ 'evidence.snapshot': { ok: true, value: item('snapshot', 'a.jpg') } });
    const store = new EvidenceStore(api);
    store.request('snapshot', PUBLIC);
    await settle();
    expect(calls).toEqual([['evidence.snapshot', { cameraId: 'square' }]]);
    expect(store.notices.get()).toMatchObject([{ kind: 'saved', item: { file: 'a.jpg' } }]);
  });

  it('asks why first for a household camera, and sends the reason with the request', async () => {
    const { api, calls } = fakeApi({ 'evidence.snapshot': { ok: true, value: item('snapshot', 'b.jpg') } });
    const store = new EvidenceStore(api);
    store.request('snapshot', HOUSEHOLD);
    expect(store.prompt.get()).toEqual({ kind: 'snapshot', cameraId: 'gate', cameraName: '李家大门' });
    expect(calls).toEqual([]);
    store.answer('  盗窃案调查 ');
    await settle();
    expect(store.prompt.get()).toBeNull();
    expect(calls).toEqual([['evidence.snapshot', { cameraId: 'gate', reason: '盗窃案调查' }]]);
  });

  it('takes nothing when the reason prompt is cancelled', async () => {
    const { api, calls } = fakeApi({});
    const store = new EvidenceStore(api);
    store.request('clip', HOUSEHOLD);
    store.answer(null);
    await settle();
    expect(calls).toEqual([]);
    expect(store.recordings.get().size).toBe(0);
  });

  it('records a clip until asked again, then reports the file', async () => {
    const { api, calls } = fakeApi({
      'evidence.clipStart': { ok: true, value: { clipId: 'clip-1', preRollSeconds: 5 } },
      'evidence.clipStop': { ok: true, value: item('clip', 'c.mp4') },
    });
    const store = new EvidenceStore(api);
    store.request('clip', PUBLIC);
    expect(store.recordings.get().get('square')).toMatchObject({ clipId: null });
    await settle();
    expect(store.recordings.get().get('square')).toMatchObject({ clipId: 'clip-1', preRollSeconds: 5 });
    store.request('clip', PUBLIC);
    await settle();
    expect(store.recordings.get().has('square')).toBe(false);
    expect(calls.map(([channel]) => channel)).toEqual(['evidence.clipStart', 'evidence.clipStop']);
    expect(store.notices.get()).toMatchObject([{ kind: 'saved', item: { file: 'c.mp4' } }]);
  });

  it('keeps a failure on screen, with main’s words for the details', async () => {
    const { api } = fakeApi({ 'evidence.clipStart': { ok: false, code: 'unavailable', message: 'evidence:disk_full', detail: 'No space left on device' } });
    const store = new EvidenceStore(api);
    store.request('clip', PUBLIC);
    await settle();
    expect(store.recordings.get().size).toBe(0);
    const [notice] = store.notices.get();
    expect(notice).toMatchObject({ kind: 'failed', what: 'clip', cameraName: '广场', failure: { message: 'evidence:disk_full', detail: 'No space left on device' } });
    store.dismiss(notice!.id);
    expect(store.notices.get()).toEqual([]);
  });
});
