/** Opening a stream hands out a loopback WebSocket URL; the socket itself is checked again on open. */
import { streamUrl } from '../engine/streamRoute.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function streamHandlers(ctx: HandlerContext): Pick<HandlerTable, 'stream.open' | 'stream.statuses'> {
  return {
    'stream.open': async ({ cameraId, profile, hevc }, { callerId }) => {
      const camera = ctx.repo.data.cameras.find((c) => c.id === cameraId);
      if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
      // The tile shows the reason ("户主授权已到期") instead of a picture.
      const decision = ctx.access.decideCamera(callerId, cameraId, 'view');
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      // A camera without a sub stream serves its main stream to small tiles: one ffmpeg, not two.
      const effective = profile === 'sub' && camera.subUrl === null ? 'main' : profile;
      const acceptsHevc = hevc === true;
      // Starting the session here (not when the socket opens) also means the player's socket
      // finds a warm session, and the player is made for the container it will really get.
      const type = await ctx.engine.prepare({ cameraId, profile: effective, acceptsHevc });
      const ticket = ctx.tickets.issue(callerId, cameraId, effective);
      return { url: streamUrl(ctx.server.port, ctx.server.token, cameraId, effective, acceptsHevc, ticket), type };
    },
    'stream.statuses': () => ctx.engine.statuses().filter((status) => ctx.access.visible(status.cameraId)),
  };
}
