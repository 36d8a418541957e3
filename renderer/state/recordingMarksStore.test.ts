import { describe, expect, it } from 'vitest';
import type { RecordingMark } from '../../preload/api';
import { RecordingMarksStore } from './recordingMarksStore';

const mark = (cameraId: string, profile: 'main' | 'sub', recording: boolean, blocked: RecordingMark['blocked'] = null): RecordingMark => ({ cameraId, profile, recording, blocked });

describe('recording marks store', () => {
  it('marks a camera recording when either of its streams is, and otherwise says the first reason', () => {
    const store = new RecordingMarksStore();
    store.apply([mark('a', 'main', false, { kind: 'stream' }), mark('a', 'sub', true), mark('b', 'main', false, { kind: 'problem', problem: 'disk_full' }), mark('c', 'main', false)]);
    expect(store.get('a')).toEqual({ recording: true, profile: 'sub', blocked: null });
    expect(store.get('b')).toEqual({ recording: false, profile: 'main', blocked: { kind: 'problem', problem: 'disk_full' } });
    expect(store.get('c')).toBeUndefined(); // waiting for its first keyframe: no mark yet
  });

  it('tells only the cameras whose mark changed, and forgets a camera no longer recorded', () => {
    const store = new RecordingMarksStore();
    store.apply([mark('a', 'main', true), mark('b', 'main', true)]);
    const told: string[] = [];
    store.subscribe('a', () => told.push('a'));
    store.subscribe('b', () => told.push('b'));
    store.apply([mark('a', 'main', true), mark('b', 'main', false, { kind: 'stream' })]);
    expect(told).toEqual(['b']);
    store.apply([mark('b', 'main', false, { kind: 'stream' })]);
    expect(told).toEqual(['b', 'a']);
    expect(store.get('a')).toBeUndefined();
  });
});
