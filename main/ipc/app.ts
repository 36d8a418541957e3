/** Facts about this console the UI shows: version, shell, and whether ffmpeg was found. */
import pkg from '../../package.json';
import type { HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function appHandlers(ctx: HandlerContext): Pick<HandlerTable, 'app.info'> {
  return {
    'app.info': () => ({ version: pkg.version, mode: ctx.mode, ffmpeg: ctx.ffmpeg() }),
  };
}
