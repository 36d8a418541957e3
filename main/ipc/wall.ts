/** The wall: which camera each tile shows, kept in the store so the console starts on its last wall. */
import type { HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { assertCamerasExist, assertCamerasInScope } from './presets.js';

export function wallHandlers(ctx: HandlerContext): Pick<HandlerTable, 'wall.get' | 'wall.set'> {
  return {
    'wall.get': () => ctx.repo.data.wall,
    'wall.set': (wall, { callerId }) => {
      assertCamerasExist(ctx.repo.data, wall.tiles);
      assertCamerasInScope(ctx, callerId, wall.tiles, 'wall');
      return ctx.repo.update((draft) => ({ ...draft, wall })).wall;
    },
  };
}
