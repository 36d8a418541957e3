/** Opening a stream hands out a loopback WebSocket URL; the socket itself is checked again on open. */
import { servedProfile } from '../../preload/servedProfile.js';
import { streamUrl } from '../engine/serve/streamRoute.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { stillJpeg } from './still.js';

export function streamHandlers(ctx: HandlerContext): Pick<HandlerTable, 'stream.open' | 'stream.statuses' | 'stream.setMode' | 'stream.still'> {
  return {
    'stream.open': async ({ cameraId, profile, hevc, keyframesOnly }, { callerId }) => {
      const camera = ctx.repo.camera(cameraId);
      if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
      // The tile shows the reason ("户主授权已到期") instead of a picture.
      const decision = ctx.access.decideCamera(callerId, cameraId, 'view');
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      const effective = servedProfile(camera, profile);
      const acceptsHevc = hevc === true;
      // Starting the session here (not when the socket opens) also means the player's socket
      // finds a warm session, and the player is made for the container it will really get.
      const type = await ctx.engine.prepare({ cameraId, profile: effective, acceptsHevc });
      const ticket = ctx.tickets.issue(callerId, cameraId, effective);
      return { url: streamUrl(ctx.server.port, ctx.server.token, cameraId, effective, acceptsHevc, ticket, keyframesOnly === true), type, viewerId: ticket };
    },
    'stream.setMode': ({ viewerId, mode }, { callerId }) => {
      const entry = ctx.viewers.get(viewerId);
      // Only the caller the viewer was opened for may steer it.
      if (!entry || entry.callerId !== callerId) return { ok: false };
      return { ok: ctx.engine.setViewerMode(entry.viewer, mode) };
    },
    'stream.still': async ({ cameraId, profile }, { callerId }) => {
      const decision = ctx.access.decideCamera(callerId, cameraId, 'view');
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      const camera = ctx.repo.camera(cameraId);
      if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
      const ffmpeg = ctx.ffmpeg();
      const jpeg = await stillJpeg(ctx.engine, ffmpeg.ok ? ffmpeg.path : null, cameraId, servedProfile(camera, profile));
      return { jpegBase64: jpeg.toString('base64'), at: Date.now() };
    },
    'stream.statuses': () => ctx.engine.statuses().filter((status) => ctx.access.visible(status.cameraId)),
  };
}
