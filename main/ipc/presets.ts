/** Presets: saved walls (with an optional tour) that belong to a township or police station. */
import { randomBytes } from 'node:crypto';
import type { StoredData, StoredPreset } from '../domain/model.js';
import { withoutItems } from '../domain/removal.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

const OWNER_LEVELS = new Set(['township', 'station']);

/** Every camera a wall names must exist: a preset never points at nothing. */
export function assertCamerasExist(data: StoredData, cameraIds: readonly (string | null)[]): void {
  const known = new Set(data.cameras.map((camera) => camera.id));
  const unknown = cameraIds.find((cameraId) => cameraId !== null && !known.has(cameraId));
  if (unknown) throw new ApiError('not_found', `camera ${unknown}`);
}

export function presetHandlers(ctx: HandlerContext): Pick<HandlerTable, 'presets.list' | 'presets.save' | 'presets.remove'> {
  return {
    'presets.list': () => ctx.repo.data.presets,
    'presets.save': (input) => {
      const data = ctx.repo.data;
      const site = data.sites.find((s) => s.id === input.siteId);
      if (!site) throw new ApiError('not_found', 'siteId:unknown_site');
      if (!OWNER_LEVELS.has(site.level)) throw new ApiError('bad_request', 'siteId:preset_owner');
      assertCamerasExist(data, input.wall.tiles);
      const tour = input.tour ?? null;
      if (tour?.kind === 'pages') assertCamerasExist(data, tour.cameraIds);
      const presetIds = new Set(data.presets.map((p) => p.id));
      const missing = tour?.kind === 'presets' ? tour.steps.find((step) => step.presetId !== input.id && !presetIds.has(step.presetId)) : undefined;
      if (missing) throw new ApiError('not_found', `preset ${missing.presetId}`);
      if (input.id !== undefined && !presetIds.has(input.id)) throw new ApiError('not_found', `preset ${input.id}`);
      const preset: StoredPreset = { id: input.id ?? `preset-${randomBytes(6).toString('hex')}`, name: input.name, siteId: input.siteId, wall: input.wall, tour };
      ctx.repo.update((draft) => ({
        ...draft,
        presets: input.id === undefined ? [...draft.presets, preset] : draft.presets.map((p) => (p.id === preset.id ? preset : p)),
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
