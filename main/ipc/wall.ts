/** The wall: which camera each tile shows, kept in the store so the console starts on its last wall. */
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function wallHandlers(ctx: HandlerContext): Pick<HandlerTable, 'wall.get' | 'wall.set'> {
  return {
    'wall.get': () => ctx.repo.data.wall,
    'wall.set': (wall) => {
      const known = new Set(ctx.repo.data.cameras.map((camera) => camera.id));
      const unknown = wall.tiles.find((tile) => tile !== null && !known.has(tile));
      if (unknown) throw new ApiError('not_found', `camera ${unknown}`);
      return ctx.repo.update((draft) => ({ ...draft, wall })).wall;
    },
  };
}
