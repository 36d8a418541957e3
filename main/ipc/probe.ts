/**
 * "Test connection" for a stored camera or for a form's unsaved values. A blank password reuses
 * the stored one only when the address points at the same host and port as the stored camera.
 */
import type { ProbeReport } from '../../preload/api.js';
import { checkCameraUrl } from '../domain/cameraUrl.js';
import type { SessionSource } from '../engine/producer/ffmpegArgs.js';
import { probeCamera } from '../engine/source/probe.js';
import { mayReusePassword } from '../domain/cameras.js';
import { resolveCameraSource, unsealedPassword } from '../engine/source/cameraSource.js';
import { probeFlvPull } from '../engine/source/flvPullProbe.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export async function probeSource(ctx: HandlerContext, source: SessionSource, label: string): Promise<ProbeReport> {
  const ffmpeg = ctx.ffmpeg();
  const report = source.problem
    ? badUrlReport(source.problem)
    : source.kind === 'flv-pull'
      ? await probeFlvPull(source.url, source.token ?? null, 10_000, source.credentials)
      : await probeCamera({ ffmpegPath: ffmpeg.ok ? ffmpeg.path : null, source });
  ctx.log.info('connection tested', { camera: label, outcome: report.outcome, ms: report.elapsedMs });
  return report;
}

export function probeHandlers(ctx: HandlerContext): Pick<HandlerTable, 'cameras.probe'> {
  return {
    'cameras.probe': ({ cameraId, mainUrl, username, password }) => {
      const camera = cameraId === undefined ? undefined : ctx.repo.camera(cameraId);
      if (cameraId !== undefined && !camera) throw new ApiError('not_found', `camera ${cameraId}`);
      if (mainUrl === undefined) return probeSource(ctx, resolveCameraSource(ctx.repo.data.sites, camera!, 'main', ctx.secretBox, ctx.log), camera!.id);
      const checked = checkCameraUrl(mainUrl);
      if (!checked.ok) throw new ApiError('bad_request', `mainUrl:${checked.reason}`);
      const user = username ?? checked.credentials.username;
      const typed = password ?? checked.credentials.password;
      const stored = typed === undefined && camera && mayReusePassword(camera, checked.url) ? unsealedPassword(camera, ctx.secretBox, ctx.log) : undefined;
      const secret = typed ?? stored;
      const source: SessionSource = {
        kind: checked.kind,
        url: checked.url,
        credentials: { ...(user ? { username: user } : {}), ...(secret !== undefined ? { password: secret } : {}) },
      };
      return probeSource(ctx, source, cameraId ?? 'unsaved');
    },
  };
}

/** A camera whose settings cannot make a source (e.g. no relay for its site) fails before connecting. */
function badUrlReport(problem: string): ProbeReport {
  return { outcome: 'bad_url', codec: null, width: null, height: null, fps: null, elapsedMs: 0, detail: problem };
}
