/** Opening a stream hands out a loopback WebSocket URL; the socket itself is checked again on open. */
import { streamPath } from '../engine/streamRoute.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function streamHandlers(ctx: HandlerContext): Pick<HandlerTable, 'stream.open' | 'stream.statuses'> {
  return {
    'stream.open': ({ cameraId, profile }) => {
      const camera = ctx.repo.data.cameras.find((c) => c.id === cameraId);
      if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
      // A camera without a sub stream serves its main stream to small tiles: one ffmpeg, not two.
      const effective = profile === 'sub' && camera.subUrl === null ? 'main' : profile;
      const url = `ws://127.0.0.1:${ctx.server.port}${streamPath(cameraId, effective)}?token=${ctx.server.token}`;
      return { url, type: 'flv' };
    },
    'stream.statuses': () => ctx.engine.statuses(),
  };
}
