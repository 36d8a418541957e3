/** Opening a stream hands out a loopback WebSocket URL; the socket itself is checked again on open. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from '../engine/container/mediaUnit.js';
import { servedProfile } from '../../preload/servedProfile.js';
import { streamUrl } from '../engine/serve/streamRoute.js';
import { writeSnapshot } from '../evidence/snapshot.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

const STILL_KEEP_WARM_MS = 15_000;

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
      const effective = servedProfile(camera, profile);
      const ffmpeg = ctx.ffmpeg();
      // The session a tile already plays, if any; else one that passes H.265 through (ffmpeg
      // decodes it for the JPEG: no transcode). Kept warm past the tile's next refresh (every
      // 5 s), so stills do not restart the camera; the keyframe alone is decoded.
      const request = ctx.engine.runningRequest(cameraId, effective, { cameraId, profile: effective, acceptsHevc: true });
      const picture = await ctx.engine.currentPicture(request, { keepWarmMs: STILL_KEEP_WARM_MS, keyframeOnly: true });
      if (!picture || !ffmpeg.ok || !ffmpeg.path) throw new ApiError('unavailable', 'evidence:camera_not_live');
      return { jpegBase64: (await stillJpeg(ffmpeg.path, picture.units, picture.container)).toString('base64'), at: Date.now() };
    },
    'stream.statuses': () => ctx.engine.statuses().filter((status) => ctx.access.visible(status.cameraId)),
  };
}

/** The picture now as JPEG bytes: the cached GOP decoded by ffmpeg into a temporary file. */
async function stillJpeg(ffmpegPath: string, units: Buffer[], container: Container): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'vw-still-'));
  try {
    const path = join(dir, 'still.jpg');
    await writeSnapshot(ffmpegPath, units, container, path);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
