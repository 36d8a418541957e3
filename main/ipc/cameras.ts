/** Sites and cameras: listing, adding, removing. Passwords are sealed here and never returned. */
import { randomBytes } from 'node:crypto';
import { prepareCamera, toCameraView } from '../domain/cameras.js';
import { withoutItems } from '../domain/removal.js';
import { toSiteView } from '../domain/sites.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

/**
 * A camera added without a site belongs to the console's own site; one placed outside the
 * console's scope would vanish from it at once, so it is refused instead.
 */
export function siteInScopeOrRefuse(ctx: HandlerContext, siteId: string | null | undefined): string | null {
  const chosen = siteId ?? ctx.repo.data.console.scopeSiteId;
  if (chosen !== null && !ctx.access.siteInScope(chosen)) throw new ApiError('bad_request', 'siteId:out_of_scope');
  return chosen;
}

type Calls = Pick<HandlerTable, 'sites.list' | 'cameras.list' | 'cameras.add' | 'cameras.remove'>;

export function cameraHandlers(ctx: HandlerContext): Calls {
  return {
    // A console sees its own site's subtree and nothing else (all sites while in set-up).
    'sites.list': () => ctx.repo.data.sites.filter((site) => ctx.access.siteInScope(site.id)).map(toSiteView),
    // …and of the cameras there, those it may watch now: household ones only with consent.
    // Admins also get the cameras of their scope they may not watch now, marked withheld, so a
    // household's lapsed consent can be found and renewed.
    'cameras.list': (_, { callerId }) => {
      const admin = ctx.access.role(callerId) === 'admin';
      return ctx.repo.data.cameras.flatMap((camera) => {
        const withheld = ctx.access.withheld(camera.id);
        if (withheld === null) return [toCameraView(camera, admin)];
        if (!admin || withheld === 'out_of_scope') return [];
        return [{ ...toCameraView(camera, true), withheld }];
      });
    },
    'cameras.add': (input, { callerId }) => {
      const data = ctx.repo.data;
      input = { ...input, siteId: siteInScopeOrRefuse(ctx, input.siteId) };
      const prepared = prepareCamera(
        input,
        { cameras: data.cameras, siteIds: new Set(data.sites.map((site) => site.id)) },
        `cam-${randomBytes(6).toString('hex')}`,
      );
      // `field:problem` is machine-readable; the UI turns it into a sentence from its catalogue.
      if (!prepared.ok) throw new ApiError('bad_request', `${prepared.field}:${prepared.problem}`);
      const stored = {
        ...prepared.camera,
        passwordSealed: prepared.password === null ? null : ctx.secretBox.seal(prepared.password),
      };
      ctx.repo.update((draft) => ({ ...draft, cameras: [...draft.cameras, stored] }));
      ctx.log.info('camera added', { camera: stored.id, kind: stored.kind });
      ctx.access.record(callerId, { action: 'config_change', cameraId: stored.id, detail: `camera added: ${stored.name} (${stored.kind}) in ${data.sites.find((s) => s.id === stored.siteId)?.name ?? 'no site'}` });
      ctx.push('cameras.changed', null);
      return toCameraView(stored);
    },
    'cameras.remove': async ({ id }, { callerId }) => {
      const camera = ctx.repo.camera(id);
      if (!camera) throw new ApiError('not_found', `camera ${id}`);
      // The camera leaves every wall and tour that showed it; the tiles stay, empty.
      ctx.repo.update((draft) => withoutItems(draft, { cameraIds: [id] }));
      ctx.access.record(callerId, { action: 'config_change', cameraId: id, detail: `camera removed: ${camera.name}` });
      await ctx.engine.closeCamera(id);
      ctx.log.info('camera removed', { camera: id });
      ctx.push('cameras.changed', null);
      return null;
    },
  };
}
