/**
 * `evidence.export`: a recorded range of one or several cameras into one case folder, for a case
 * (admin). Household cameras need a reason and consent that covered the whole range and this
 * console's level; the range is locked against retention, and each camera's export is audited.
 */
import { randomBytes } from 'node:crypto';
import { exportCase, type ExportCamera } from '../playback/caseExport.js';
import { CASE_MANIFEST } from '../evidence/caseManifest.js';
import { EvidenceError } from '../evidence/evidenceErrors.js';
import { gapsBetween } from '../recording/segmentIndex.js';
import { remoteRecorderFor } from '../playback/remoteSource.js';
import { utcStamp } from '../recording/segmentName.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { addLocks } from './evidenceLocks.js';

export function evidenceExportHandlers(ctx: HandlerContext): Pick<HandlerTable, 'evidence.export'> {
  return {
    'evidence.export': async ({ cameraIds, profile, from, to, reason }, { callerId }) => {
      const cameras: ExportCamera[] = [];
      for (const cameraId of cameraIds) {
        const camera = ctx.repo.camera(cameraId);
        if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
        // Consent has only an end: covering the range's last instant covers all of it.
        const decision = ctx.access.decideCamera(callerId, cameraId, 'export', reason, to - 1);
        if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
        // A case is made from footage on this PC's disk, hashed and signed here: another recorder's is exported there.
        if (remoteRecorderFor(ctx.repo.data, ctx.secretBox, cameraId, profile) !== null) throw new ApiError('conflict', 'evidence:remote_footage', cameraId);
        const segments = await ctx.recording.segments(cameraId, profile, from, to);
        const siteName = ctx.repo.data.sites.find((site) => site.id === camera.siteId)?.name ?? null;
        cameras.push({ cameraId, cameraName: camera.name, siteName, segments, gaps: gapsBetween(segments, from, Math.min(to, Date.now())) });
      }
      const ffmpeg = ctx.ffmpeg();
      if (!ffmpeg.ok || !ffmpeg.path) throw new ApiError('unavailable', 'evidence:ffmpeg_failed', 'ffmpeg not found');
      const caseId = `case-${utcStamp(from)}-${randomBytes(3).toString('hex')}`;
      let exported;
      try {
        exported = await exportCase({
          ffmpegPath: ffmpeg.path,
          evidenceFolder: ctx.evidenceFolder(),
          caseId,
          profile,
          from,
          to,
          operator: { console: ctx.access.consoleId, role: ctx.access.role(callerId) },
          reason: reason?.trim() || null,
          cameras,
          key: ctx.evidence.signingKey,
        });
      } catch (error) {
        if (error instanceof EvidenceError) throw new ApiError('unavailable', `evidence:${error.problem}`, error.message);
        throw error;
      }
      const { folder, manifest } = exported;
      const withFiles = manifest.cameras.filter((camera) => camera.file !== null);
      const locks = addLocks(ctx, withFiles.map((camera) => ({ cameraId: camera.cameraId, from, to, reason: reason?.trim() || `证据导出 ${caseId}` })));
      for (const camera of withFiles) {
        const lock = locks.find((candidate) => candidate.cameraId === camera.cameraId)!;
        ctx.access.record(callerId, {
          action: 'export',
          cameraId: camera.cameraId,
          detail: `${caseId}/${camera.file}: ${new Date(from).toISOString()} – ${new Date(to).toISOString()}, ${lock.id}`,
          ...(manifest.reason ? { reason: manifest.reason } : {}),
        });
      }
      return { folder, files: withFiles.map((camera) => camera.file!), manifest: CASE_MANIFEST, locked: locks.length };
    },
  };
}
