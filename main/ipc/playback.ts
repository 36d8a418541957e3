/**
 * Playback of recorded footage: a session per player, opened only where the caller may see the
 * camera at the recorded time (scope as live; a household's consent must cover that time and the
 * viewer's level), audited at its start and at its stop with the range watched.
 */
import { recordedSpan } from '../playback/recordedSpan.js';
import { listRemote } from '../playback/remoteRecorder.js';
import { isRemoteFailure, remoteRecorderFor, sourceLabel } from '../playback/remoteSource.js';
import { playbackUrl } from '../playback/playbackRoute.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function playbackHandlers(ctx: HandlerContext): Pick<HandlerTable, 'playback.open' | 'playback.close'> {
  return {
    'playback.open': async ({ cameraId, profile, at }, { callerId }) => {
      if (!ctx.repo.camera(cameraId)) throw new ApiError('not_found', `camera ${cameraId}`);
      const decision = ctx.access.decideCamera(callerId, cameraId, 'view', undefined, at);
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      // The site may read its recordings from another console or a MediaMTX server: the same rules, read through here.
      const remote = remoteRecorderFor(ctx.repo.data, ctx.secretBox, cameraId, profile);
      if (isRemoteFailure(remote)) throw new ApiError('unavailable', `remote:${remote.problem}`, remote.detail);
      let span: { from: number; to: number } | null;
      if (remote) {
        const listed = await listRemote(remote);
        if (!listed.ok) throw new ApiError('unavailable', `remote:${listed.problem}`, listed.detail);
        span = listed.spans.length > 0 ? { from: listed.spans[0]!.from, to: Math.max(...listed.spans.map((s) => s.to)) } : null;
      } else span = recordedSpan(await ctx.recording.footage(cameraId, profile));
      if (!span) throw new ApiError('not_found', 'playback:nothing_recorded');
      const session = ctx.playback.open(callerId, cameraId, profile, remote);
      ctx.access.record(callerId, { action: 'playback_start', cameraId, detail: `${profile} ${new Date(at).toISOString()}${remote ? ` (${sourceLabel(remote)})` : ''}` });
      return { sessionId: session.id, url: playbackUrl(ctx.server.port, ctx.server.token, session.id, session.secret), recordedFrom: span.from, recordedTo: span.to, remote: remote !== null };
    },
    // Closing twice, or a session the page or its socket already took down, is not an error.
    'playback.close': ({ sessionId }, { callerId }) => {
      if (ctx.playback.owned(sessionId, callerId)) ctx.playback.close(sessionId);
      return null;
    },
  };
}
