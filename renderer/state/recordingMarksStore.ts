import type { Profile, RecordingBlock, RecordingMark } from '../../preload/api';
import { KeyedListeners } from '../lib/keyedListeners';

/** What a camera's REC mark says: recording (one of its streams is), or blocked with the reason; absent while waiting or not set to record. */
export interface CameraRecording {
  recording: boolean;
  /** The stream the mark speaks of (its status gives the words when the camera's stream is the reason). */
  profile: Profile;
  blocked: RecordingBlock | null;
}

/** One camera's marks (main and sub) as one: recording if any stream is; else the first reason given. */
export function cameraRecording(marks: readonly RecordingMark[]): CameraRecording | undefined {
  const writing = marks.find((mark) => mark.recording);
  if (writing) return { recording: true, profile: writing.profile, blocked: null };
  const blocked = marks.find((mark) => mark.blocked !== null);
  return blocked ? { recording: false, profile: blocked.profile, blocked: blocked.blocked } : undefined;
}

/**
 * The console's recording marks per camera, from `recording.get` and the `recording.marks` push.
 * Subscribers listen to one camera, so a mark that changes re-renders its tile and tree row only.
 */
export class RecordingMarksStore {
  private readonly marks = new Map<string, CameraRecording>();
  private readonly listeners = new KeyedListeners<string>();

  get = (cameraId: string): CameraRecording | undefined => this.marks.get(cameraId);

  subscribe(cameraId: string, listener: () => void): () => void {
    return this.listeners.subscribe(cameraId, listener);
  }

  /** Every mark of the console: replaces what was there, and tells only the cameras whose mark changed. */
  apply(marks: readonly RecordingMark[]): void {
    const byCamera = new Map<string, RecordingMark[]>();
    for (const mark of marks) byCamera.set(mark.cameraId, [...(byCamera.get(mark.cameraId) ?? []), mark]);
    const cameraIds = new Set([...this.marks.keys(), ...byCamera.keys()]);
    for (const cameraId of cameraIds) {
      const next = cameraRecording(byCamera.get(cameraId) ?? []);
      if (JSON.stringify(next) === JSON.stringify(this.marks.get(cameraId))) continue;
      if (next) this.marks.set(cameraId, next);
      else this.marks.delete(cameraId);
      this.listeners.notify(cameraId);
    }
  }
}
