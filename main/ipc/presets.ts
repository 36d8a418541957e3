/** Presets: saved walls (with an optional tour) that belong to a township or police station. */
import { randomBytes } from 'node:crypto';
import type { StoredData, StoredPreset } from '../domain/model.js';
import { withoutItems } from '../domain/removal.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

const OWNER_LEVELS = new Set(['township', 'station']);

const withoutShortcut = ({ shortcut: _taken, ...preset }: StoredPreset): StoredPreset => preset;

/** Every camera a wall names must exist: a preset never points at nothing. */
export function assertCamerasExist(data: StoredData, cameraIds: readonly (string | null)[]): void {
  const known = new Set(data.cameras.map((camera) => camera.id));
  const unknown = cameraIds.find((cameraId) => cameraId !== null && !known.has(cameraId));
  if (unknown) throw new ApiError('not_found', `camera ${unknown}`);
}

/**
 * Every camera a wall names must be in the console's scope: the page's tree only offers those,
 * but main decides. A refusal is audited like any other.
 */
export function assertCamerasInScope(ctx: HandlerContext, callerId: string, cameraIds: readonly (string | null)[], what: string): void {
  const outside = cameraIds.find((cameraId) => cameraId !== null && ctx.access.withheld(cameraId) === 'out_of_scope');
  if (!outside) return;
  ctx.access.record(callerId, { action: 'refused', cameraId: outside, detail: `${what}: out_of_scope` });
  throw new ApiError('forbidden', 'access:out_of_scope', `camera ${outside}`);
}

export function presetHandlers(ctx: HandlerContext): Pick<HandlerTable, 'presets.list' | 'presets.save' | 'presets.remove'> {
  return {
    // A console sees its own township's presets (every one while in set-up), as with cameras.
    'presets.list': () => ctx.repo.data.presets.filter((preset) => ctx.access.siteInScope(preset.siteId)),
    'presets.save': (input, { callerId }) => {
      const data = ctx.repo.data;
      const site = data.sites.find((s) => s.id === input.siteId);
      if (!site) throw new ApiError('not_found', 'siteId:unknown_site');
      if (!OWNER_LEVELS.has(site.level)) throw new ApiError('bad_request', 'siteId:preset_owner');
      if (!ctx.access.siteInScope(site.id)) throw new ApiError('bad_request', 'siteId:out_of_scope');
      assertCamerasExist(data, input.wall.tiles);
      assertCamerasInScope(ctx, callerId, input.wall.tiles, 'preset');
      const tour = input.tour ?? null;
      if (tour?.kind === 'pages') assertCamerasExist(data, tour.cameraIds);
      if (tour?.kind === 'pages') assertCamerasInScope(ctx, callerId, tour.cameraIds, 'preset tour');
      const presetIds = new Set(data.presets.map((p) => p.id));
      const missing = tour?.kind === 'presets' ? tour.steps.find((step) => step.presetId !== input.id && !presetIds.has(step.presetId)) : undefined;
      if (missing) throw new ApiError('not_found', `preset ${missing.presetId}`);
      if (input.id !== undefined && !presetIds.has(input.id)) throw new ApiError('not_found', `preset ${input.id}`);
      const shortcut = input.shortcut ?? null;
      const preset: StoredPreset = { id: input.id ?? `preset-${randomBytes(6).toString('hex')}`, name: input.name, siteId: input.siteId, wall: input.wall, tour, ...(shortcut ? { shortcut } : {}) };
      // An Alt+N belongs to one preset or tour: the one saved now takes it from any other.
      const others = (presets: StoredPreset[]) => (shortcut ? presets.map((p) => (p.shortcut === shortcut ? withoutShortcut(p) : p)) : presets);
      ctx.repo.update((draft) => ({
        ...draft,
        presets: input.id === undefined ? [...others(draft.presets), preset] : others(draft.presets).map((p) => (p.id === preset.id ? preset : p)),
      }));
      ctx.push('presets.changed', null);
      return preset;
    },
    'presets.remove': ({ id }) => {
      if (!ctx.repo.data.presets.some((p) => p.id === id)) throw new ApiError('not_found', `preset ${id}`);
      // Tours that stepped through it and sites that opened with it forget it too.
      ctx.repo.update((draft) => withoutItems(draft, { presetIds: [id] }));
      ctx.push('presets.changed', null);
      return null;
    },
  };
}
