/**
 * Editing a camera: the sealed password is kept unless a new one is typed (or clearing it is
 * asked for), and the camera's open sessions are ended so every tile reconnects with the change.
 */
import { editCamera, toCameraView } from '../domain/cameras.js';
import type { StoredCamera } from '../domain/model.js';
import { siteInScopeOrRefuse } from './cameras.js';
import { changedFields } from './configChanges.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function cameraEditHandlers(ctx: HandlerContext): Pick<HandlerTable, 'cameras.update' | 'cameras.setSource'> {
  return {
    'cameras.update': async (input, { callerId }) => {
      const data = ctx.repo.data;
      const current = ctx.repo.camera(input.id);
      if (!current) throw new ApiError('not_found', `camera ${input.id}`);
      input = { ...input, siteId: siteInScopeOrRefuse(ctx, input.siteId) };
      const edited = editCamera(current, input, { cameras: data.cameras, siteIds: new Set(data.sites.map((site) => site.id)) });
      if (!edited.ok) throw new ApiError('bad_request', `${edited.field}:${edited.problem}`);
      const { password } = edited;
      const stored: StoredCamera = {
        ...edited.camera,
        passwordSealed: password.kind === 'keep' ? current.passwordSealed : password.kind === 'clear' ? null : ctx.secretBox.seal(password.password),
      };
      ctx.repo.update((draft) => ({ ...draft, cameras: draft.cameras.map((camera) => (camera.id === stored.id ? stored : camera)) }));
      ctx.access.record(callerId, { action: 'config_change', cameraId: stored.id, detail: `camera changed: ${stored.name}; ${changedFields(current, stored)}` });
      // Open viewers end, and their tiles reconnect to a session built from the new settings.
      await ctx.engine.closeCamera(stored.id);
      ctx.log.info('camera changed', { camera: stored.id, password: password.kind });
      ctx.push('cameras.changed', null);
      return toCameraView(stored);
    },
    'cameras.setSource': async ({ cameraId, source, relayStream }, { callerId }) => {
      if (!ctx.repo.camera(cameraId)) throw new ApiError('not_found', `camera ${cameraId}`);
      ctx.repo.update((draft) => ({
        ...draft,
        // Left out keeps the stream name; null clears it (back to the camera's id), as with a relay token.
        cameras: draft.cameras.map((c) => (c.id === cameraId ? { ...c, source, relayStream: relayStream === undefined ? (c.relayStream ?? null) : relayStream } : c)),
      }));
      ctx.access.record(callerId, { action: 'config_change', cameraId, detail: `source ${source}` });
      await ctx.engine.closeCamera(cameraId);
      ctx.push('cameras.changed', null);
      return toCameraView(ctx.repo.camera(cameraId)!);
    },
  };
}
