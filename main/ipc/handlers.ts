/** Every call's handler, area by area. The contract test checks this covers api.ts exactly. */
import { appHandlers } from './app.js';
import { cameraHandlers } from './cameras.js';
import type { HandlerContext } from './context.js';
import { presetHandlers } from './presets.js';
import type { HandlerTable } from './router.js';
import { streamHandlers } from './stream.js';
import { wallHandlers } from './wall.js';

export function createHandlers(ctx: HandlerContext): HandlerTable {
  return {
    ...appHandlers(ctx),
    ...cameraHandlers(ctx),
    ...wallHandlers(ctx),
    ...presetHandlers(ctx),
    ...streamHandlers(ctx),
  };
}
