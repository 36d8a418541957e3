/**
 * The stored recording settings as the recorder uses them: which streams to record (the service
 * records only cameras this console may show now: scope, and a household owner's consent), and
 * the retention policy.
 */
import type { RecordingData } from '../domain/model.js';
import type { RetentionPolicy } from './retention.js';
import type { RecordingTarget } from './recordingService.js';

const GB = 1024 ** 3;

/** Every stream the settings name; the service records those the access rules allow now. */
export function recordingTargets(recording: RecordingData): RecordingTarget[] {
  return recording.settings.cameras.map(({ cameraId, profile }) => ({ cameraId, profile }));
}

export function retentionPolicy({ settings }: RecordingData, keepUntil?: RetentionPolicy['keepUntil']): RetentionPolicy {
  const days = new Map(settings.cameras.map((camera) => [`${camera.cameraId}:${camera.profile}`, camera.days]));
  return {
    // Footage of a camera no longer recorded keeps its last days to keep; with none, it waits for space to be needed.
    daysFor: (cameraId, profile) => days.get(`${cameraId}:${profile}`) ?? null,
    quotaBytes: settings.quotaGb === null ? null : settings.quotaGb * GB,
    minFreeBytes: settings.minFreeGb * GB,
    ...(keepUntil ? { keepUntil } : {}),
  };
}
