/** Sites: adding, renaming, moving and removing them, and the preset each one opens with. */
import { randomBytes } from 'node:crypto';
import type { Site } from '../../preload/api.js';
import type { StoredSite } from '../domain/model.js';
import { withoutSite } from '../domain/removal.js';
import { PRESET_OWNER_LEVELS, checkSite, contentsOf } from '../domain/sites.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'sites.save' | 'sites.remove' | 'sites.setDefaultPreset'>;

const toSite = (site: StoredSite): Site => ({ ...site });

export function siteHandlers(ctx: HandlerContext): Calls {
  return {
    'sites.save': (input) => {
      const checked = checkSite(input, ctx.repo.data, `site-${randomBytes(6).toString('hex')}`);
      if (!checked.ok) throw new ApiError(checked.problem === 'unknown_site' ? 'not_found' : 'bad_request', `${checked.field}:${checked.problem}`);
      const { site } = checked;
      ctx.repo.update((draft) => ({
        ...draft,
        sites: input.id === undefined ? [...draft.sites, site] : draft.sites.map((s) => (s.id === site.id ? site : s)),
      }));
      ctx.log.info(input.id === undefined ? 'site added' : 'site changed', { site: site.id, level: site.level });
      ctx.push('cameras.changed', null);
      return toSite(site);
    },
    'sites.remove': async ({ id, withContents }) => {
      const data = ctx.repo.data;
      if (!data.sites.some((site) => site.id === id)) throw new ApiError('not_found', 'site:unknown_site');
      const contents = contentsOf(data, id);
      if ((contents.sites > 0 || contents.cameras > 0) && !withContents) {
        throw new ApiError('conflict', 'site:not_empty', `${contents.sites} sites, ${contents.cameras} cameras`);
      }
      const removal = withoutSite(data, id);
      ctx.repo.update(() => removal.data);
      await Promise.all(removal.cameraIds.map((cameraId) => ctx.engine.closeCamera(cameraId)));
      ctx.log.info('site removed', { site: id, ...removal.removed });
      ctx.push('cameras.changed', null);
      if (removal.removed.presets > 0) ctx.push('presets.changed', null);
      return removal.removed;
    },
    'sites.setDefaultPreset': ({ siteId, presetId }) => {
      const data = ctx.repo.data;
      const site = data.sites.find((s) => s.id === siteId);
      if (!site) throw new ApiError('not_found', 'site:unknown_site');
      if (!PRESET_OWNER_LEVELS.has(site.level)) throw new ApiError('bad_request', 'siteId:preset_owner');
      if (presetId !== null && !data.presets.some((p) => p.id === presetId && p.siteId === siteId)) {
        throw new ApiError('not_found', 'presetId:unknown_preset');
      }
      const next = { ...site, defaultPresetId: presetId };
      ctx.repo.update((draft) => ({ ...draft, sites: draft.sites.map((s) => (s.id === siteId ? next : s)) }));
      ctx.push('cameras.changed', null);
      return toSite(next);
    },
  };
}
