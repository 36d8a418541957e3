import { describe, expect, it } from 'vitest';
import type { Profile, StreamState } from '../../preload/api.js';
import { recordingMarks, type MarkFacts } from './recordingMarks.js';

const facts = (over: Partial<MarkFacts> = {}): MarkFacts => ({
  wanted: [{ cameraId: 'square', profile: 'main' }],
  refusalOf: () => null,
  recorder: () => ({ writing: true, refusedCodec: false }),
  streamState: () => 'live',
  problem: null,
  ...over,
});
const only = (over: Partial<MarkFacts>) => {
  const [mark] = recordingMarks(facts(over));
  return { recording: mark!.recording, blocked: mark!.blocked };
};

describe('recording marks', () => {
  it('marks a stream whose recorder is writing as recording, each profile on its own', () => {
    const marks = recordingMarks(
      facts({
        wanted: [{ cameraId: 'square', profile: 'main' }, { cameraId: 'square', profile: 'sub' }],
        recorder: (_camera: string, profile: Profile) => ({ writing: profile === 'main', refusedCodec: false }),
      }),
    );
    expect(marks).toEqual([
      { cameraId: 'square', profile: 'main', recording: true, blocked: null },
      { cameraId: 'square', profile: 'sub', recording: false, blocked: null },
    ]);
  });

  it('says the access rules’ refusal first: a household whose consent ended is not recorded, whatever else holds', () => {
    expect(only({ refusalOf: () => 'consent_expired', problem: 'disk_full', streamState: () => 'offline' })).toEqual({ recording: false, blocked: { kind: 'refusal', refusal: 'consent_expired' } });
  });

  it('says the codec when the recorder refused to convert the camera’s stream', () => {
    expect(only({ recorder: () => ({ writing: false, refusedCodec: true }), problem: 'disk_full' })).toEqual({ recording: false, blocked: { kind: 'codec' } });
  });

  it('says the recorder’s problem (disk full) over the camera’s state', () => {
    expect(only({ recorder: () => ({ writing: false, refusedCodec: false }), problem: 'disk_full', streamState: () => 'offline' })).toEqual({ recording: false, blocked: { kind: 'problem', problem: 'disk_full' } });
    expect(only({ recorder: () => null, problem: 'ffmpeg_missing' })).toEqual({ recording: false, blocked: { kind: 'problem', problem: 'ffmpeg_missing' } });
  });

  it('points at the camera’s stream when it is failing, and waits quietly while it opens', () => {
    const notWriting = { recorder: () => ({ writing: false, refusedCodec: false }) };
    const blocked = (state: StreamState) => only({ ...notWriting, streamState: () => state }).blocked;
    for (const state of ['offline', 'unauthorized', 'reconnecting', 'stalled', 'unreachable', 'not_found'] as const) expect(blocked(state)).toEqual({ kind: 'stream' });
    for (const state of ['starting', 'live', 'idle'] as const) expect(blocked(state)).toBeNull();
    expect(only({ ...notWriting, streamState: () => null }).blocked).toBeNull();
  });
});
