/**
 * What the wall's REC marks say, as a pure decision over the recorder's facts: each (camera,
 * profile) set to record is recording, waiting for its first keyframe, or blocked, and the first
 * reason that holds wins: the access rules (a household's consent ended), a codec the recorder
 * will not convert, the recorder's own problem (disk full), then the camera's stream.
 */
import type { Profile, RecordingMark, RecordingProblem, Refusal, StreamState } from '../../preload/api.js';

export interface MarkFacts {
  /** Every (camera, profile) in the settings, allowed or not. */
  wanted: readonly { cameraId: string; profile: Profile }[];
  refusalOf(cameraId: string): Refusal | null;
  /** The recorder of a stream, when one runs. */
  recorder(cameraId: string, profile: Profile): { writing: boolean; refusedCodec: boolean } | null;
  /** The camera's session state for that profile, when a session runs. */
  streamState(cameraId: string, profile: Profile): StreamState | null;
  problem: RecordingProblem | null;
}

// A session still opening (or just opened) is a recorder waiting for its first keyframe, not a failure.
const WAITING_STATES = new Set<StreamState | null>([null, 'idle', 'starting', 'live']);

export function recordingMarks(facts: MarkFacts): RecordingMark[] {
  return facts.wanted.map(({ cameraId, profile }) => {
    const mark = (recording: boolean, blocked: RecordingMark['blocked']): RecordingMark => ({ cameraId, profile, recording, blocked });
    const refusal = facts.refusalOf(cameraId);
    if (refusal) return mark(false, { kind: 'refusal', refusal });
    const recorder = facts.recorder(cameraId, profile);
    if (recorder?.refusedCodec) return mark(false, { kind: 'codec' });
    if (recorder?.writing) return mark(true, null);
    if (facts.problem) return mark(false, { kind: 'problem', problem: facts.problem });
    return mark(false, WAITING_STATES.has(facts.streamState(cameraId, profile)) ? null : { kind: 'stream' });
  });
}
