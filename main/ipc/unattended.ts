/** Walls on several monitors, start at login, keeping the screens awake, auto-lock. */
import type { HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function unattendedHandlers(ctx: HandlerContext): Pick<HandlerTable, 'unattended.get' | 'unattended.set' | 'displays.list'> {
  return {
    'unattended.get': () => ctx.repo.data.unattended,
    'unattended.set': (settings, { callerId }) => {
      const saved = ctx.repo.update((draft) => ({ ...draft, unattended: settings })).unattended;
      ctx.access.record(callerId, { action: 'config_change', detail: `unattended: ${saved.walls.length} wall windows, login ${saved.startAtLogin}, restore ${saved.restoreWalls}` });
      ctx.unattendedChanged();
      return saved;
    },
    'displays.list': () => ctx.displays(),
  };
}
