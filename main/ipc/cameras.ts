/** Sites and cameras: listing, adding, removing. Passwords are sealed here and never returned. */
import { randomBytes } from 'node:crypto';
import { prepareCamera, toCameraView } from '../domain/cameras.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

import type { Tour } from '../../preload/api.js';

/** A camera-page tour without one camera; a tour left with no camera is dropped. */
function withoutCamera(tour: Extract<Tour, { kind: 'pages' }>, cameraId: string): Tour | null {
  const cameraIds = tour.cameraIds.filter((id) => id !== cameraId);
  return cameraIds.length > 0 ? { ...tour, cameraIds } : null;
}

type Calls = Pick<HandlerTable, 'sites.list' | 'cameras.list' | 'cameras.add' | 'cameras.remove'>;

export function cameraHandlers(ctx: HandlerContext): Calls {
  return {
    'sites.list': () => ctx.repo.data.sites,
    'cameras.list': () => ctx.repo.data.cameras.map(toCameraView),
    'cameras.add': (input) => {
      const data = ctx.repo.data;
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
      ctx.push('cameras.changed', null);
      return toCameraView(stored);
    },
    'cameras.remove': async ({ id }) => {
      if (!ctx.repo.data.cameras.some((camera) => camera.id === id)) throw new ApiError('not_found', `camera ${id}`);
      const clear = (tiles: (string | null)[]) => tiles.map((tile) => (tile === id ? null : tile));
      // The camera leaves every wall and tour that showed it; the tiles stay, empty.
      ctx.repo.update((draft) => ({
        ...draft,
        cameras: draft.cameras.filter((camera) => camera.id !== id),
        wall: { ...draft.wall, tiles: clear(draft.wall.tiles) },
        presets: draft.presets.map((preset) => ({
          ...preset,
          wall: { ...preset.wall, tiles: clear(preset.wall.tiles) },
          tour: preset.tour?.kind === 'pages' ? withoutCamera(preset.tour, id) : preset.tour,
        })),
      }));
      await ctx.engine.closeCamera(id);
      ctx.log.info('camera removed', { camera: id });
      ctx.push('cameras.changed', null);
      return null;
    },
  };
}
