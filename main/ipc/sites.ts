/** Sites: adding, renaming, moving and removing them, and the preset each one opens with. */
import { randomBytes } from 'node:crypto';
import { withoutSite } from '../domain/removal.js';
import { PRESET_OWNER_LEVELS, checkSite, contentsOf, toSiteView } from '../domain/sites.js';
import { checkTemplate, relayEndpoint } from '../domain/urlTemplate.js';
import { changedFields } from './configChanges.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'sites.save' | 'sites.remove' | 'sites.setDefaultPreset' | 'sites.setRelay'>;


export function siteHandlers(ctx: HandlerContext): Calls {
  return {
    'sites.save': (input, { callerId }) => {
      const checked = checkSite(input, ctx.repo.data, `site-${randomBytes(6).toString('hex')}`);
      if (!checked.ok) throw new ApiError(checked.problem === 'unknown_site' ? 'not_found' : 'bad_request', `${checked.field}:${checked.problem}`);
      const { site } = checked;
      const before = ctx.repo.data.sites.find((s) => s.id === site.id);
      ctx.repo.update((draft) => ({
        ...draft,
        sites: input.id === undefined ? [...draft.sites, site] : draft.sites.map((s) => (s.id === site.id ? site : s)),
      }));
      const detail = before ? `site changed: ${site.name}; ${changedFields(before, site)}` : `site added: ${site.name} (${site.level}, under ${site.parentId ?? 'none'})`;
      ctx.access.record(callerId, { action: 'config_change', siteId: site.id, detail });
      ctx.log.info(input.id === undefined ? 'site added' : 'site changed', { site: site.id, level: site.level });
      ctx.push('cameras.changed', null);
      return toSiteView(site);
    },
    'sites.remove': async ({ id, withContents }, { callerId }) => {
      const data = ctx.repo.data;
      const site = data.sites.find((s) => s.id === id);
      if (!site) throw new ApiError('not_found', 'site:unknown_site');
      const contents = contentsOf(data, id);
      if ((contents.sites > 0 || contents.cameras > 0) && !withContents) {
        throw new ApiError('conflict', 'site:not_empty', `${contents.sites} sites, ${contents.cameras} cameras`);
      }
      const removal = withoutSite(data, id);
      ctx.repo.update(() => removal.data);
      const { sites, cameras, presets } = removal.removed;
      ctx.access.record(callerId, { action: 'config_change', siteId: id, detail: `site removed: ${site.name} (${sites} sites, ${cameras} cameras, ${presets} presets in all)` });
      await Promise.all(removal.cameraIds.map((cameraId) => ctx.engine.closeCamera(cameraId)));
      ctx.log.info('site removed', { site: id, ...removal.removed });
      ctx.push('cameras.changed', null);
      if (removal.removed.presets > 0) ctx.push('presets.changed', null);
      return removal.removed;
    },
    'sites.setRelay': async ({ siteId, relay }, { callerId }) => {
      const site = ctx.repo.data.sites.find((s) => s.id === siteId);
      if (!site) throw new ApiError('not_found', 'site:unknown_site');
      if (relay) {
        const template = checkTemplate(relay.kind, relay.template);
        if (!template.ok) throw new ApiError('bad_request', `template:${template.problem}`, template.detail);
      }
      // The token is sealed like a password; leaving it out keeps the stored one, but only for the
      // server it was typed for: pointed at another, the token is asked for again.
      const old = site.relay;
      if (relay && relay.token === undefined && old?.tokenSealed && relayEndpoint(old.kind, old.template, old.host) !== relayEndpoint(relay.kind, relay.template, relay.host)) {
        throw new ApiError('bad_request', 'token:host_changed');
      }
      const tokenSealed = !relay ? null : relay.token === undefined ? (site.relay?.tokenSealed ?? null) : relay.token ? ctx.secretBox.seal(relay.token) : null;
      const stored = relay ? { kind: relay.kind, template: relay.template, host: relay.host, tokenSealed } : null;
      const updated = ctx.repo.update((draft) => ({ ...draft, sites: draft.sites.map((s) => (s.id === siteId ? { ...s, relay: stored } : s)) }));
      ctx.access.record(callerId, { action: 'config_change', siteId, detail: relay ? `relay ${relay.kind} ${relay.host}` : 'relay removed' });
      // Cameras reading through this site's relay reconnect with the new settings.
      await Promise.all(ctx.engine.statuses().map((s) => ctx.engine.closeCamera(s.cameraId)));
      ctx.push('cameras.changed', null);
      return toSiteView(updated.sites.find((s) => s.id === siteId)!);
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
      return toSiteView(next);
    },
  };
}
