/**
 * Recording: which cameras this console records and for how long (admin), what is on disk for a
 * camera (anyone who may view it), and evidence locks (admin, audited like other config changes).
 */
import type { EvidenceLockView, RecordingStateView } from '../../preload/api.js';
import type { RecordingData } from '../domain/model.js';
import { checkRecordingFolder } from '../recording/recordingFolder.js';
import { gapsBetween } from '../recording/segmentIndex.js';
import { listRemote } from '../playback/remoteRecorder.js';
import { isRemoteFailure, remoteRecorderFor } from '../playback/remoteSource.js';
import { remoteTimeline } from '../playback/remoteTimeline.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { changedFields } from './configChanges.js';
import { addLocks, storedRecording } from './evidenceLocks.js';

type Calls = Pick<HandlerTable, 'recording.get' | 'recording.set' | 'recording.list' | 'recording.lock' | 'recording.unlock'>;

export function recordingHandlers(ctx: HandlerContext): Calls {
  const stored = (): RecordingData => storedRecording(ctx);
  const save = (recording: RecordingData) => ctx.repo.update((draft) => ({ ...draft, recording })).recording!;
  const state = (): RecordingStateView => ({ settings: stored().settings, locks: stored().locks, problem: ctx.recording.problem, recorders: ctx.recording.running(), marks: ctx.recording.marks(), figures: ctx.recording.figures });
  const overlaps = (lock: EvidenceLockView, from: number, to: number) => lock.from < to && lock.to > from;

  return {
    'recording.get': () => state(),
    'recording.set': async (settings, { callerId }) => {
      for (const { cameraId } of settings.cameras) if (!ctx.repo.camera(cameraId)) throw new ApiError('not_found', `camera ${cameraId}`);
      const before = stored().settings;
      // A new folder is checked before it is kept: recording moves there from the next segment.
      if (settings.folder !== null && settings.folder !== before.folder) {
        const checked = await checkRecordingFolder(settings.folder);
        if (!checked.ok) throw new ApiError('bad_request', `recordingFolder:${checked.problem}`, checked.detail);
      }
      save({ ...stored(), settings });
      ctx.access.record(callerId, { action: 'config_change', detail: `recording: ${changedFields(before, settings)}; ${settings.cameras.length} streams recorded` });
      await ctx.recording.reconfigure();
      return state();
    },
    'recording.list': async ({ cameraId, profile, from, to }, { callerId }) => {
      const decision = ctx.access.decideCamera(callerId, cameraId, 'view');
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      const locks = stored().locks.filter((lock) => lock.cameraId === cameraId && overlaps(lock, from, to));
      const remote = remoteRecorderFor(ctx.repo.data, ctx.secretBox, cameraId, profile);
      if (isRemoteFailure(remote)) throw new ApiError('unavailable', `remote:${remote.problem}`, remote.detail);
      if (remote) {
        // Another recorder's spans, with its activity and gap reasons when it is a console (remoteTimeline.ts).
        const listed = await listRemote(remote, { from, to });
        if (!listed.ok) throw new ApiError('unavailable', `remote:${listed.problem}`, listed.detail);
        return { ...remoteTimeline(listed.spans, from, to, Date.now()), locks };
      }
      const segments = await ctx.recording.segments(cameraId, profile, from, to);
      return {
        segments: segments.map((s) => ({ file: s.file, startedAt: s.startedAt, endedAt: s.endedAt, bytes: s.bytes, keyframes: s.keyframesMs?.length ?? null, bytesPerSecond: s.bytesPerSecond, repaired: s.repaired })),
        gaps: gapsBetween(segments, from, Math.min(to, Date.now())),
        locks,
      };
    },
    'recording.lock': ({ cameraId, from, to, reason }, { callerId }) => {
      if (!ctx.repo.camera(cameraId)) throw new ApiError('not_found', `camera ${cameraId}`);
      const [lock] = addLocks(ctx, [{ cameraId, from, to, reason }]) as [EvidenceLockView];
      ctx.access.record(callerId, { action: 'config_change', cameraId, reason, detail: `recording lock ${lock.id}: ${new Date(from).toISOString()} – ${new Date(to).toISOString()}` });
      return lock;
    },
    'recording.unlock': ({ id }, { callerId }) => {
      const lock = stored().locks.find((candidate) => candidate.id === id);
      if (!lock) throw new ApiError('not_found', `lock ${id}`);
      save({ ...stored(), locks: stored().locks.filter((candidate) => candidate.id !== id) });
      ctx.access.record(callerId, { action: 'config_change', cameraId: lock.cameraId, reason: lock.reason, detail: `recording unlock ${lock.id}: ${new Date(lock.from).toISOString()} – ${new Date(lock.to).toISOString()}` });
      return null;
    },
  };
}
