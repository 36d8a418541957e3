/**
 * Facts about this console the UI shows: version, shell, whether ffmpeg was found, what became of a
 * damaged settings file, what is wrong with its own records and logs, and how much audit is kept.
 */
import pkg from '../../package.json';
import { storeNoticeOf } from '../store/notice.js';
import { LoadMeter } from '../health/loadMeter.js';
import type { HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

export function appHandlers(ctx: HandlerContext): Pick<HandlerTable, 'app.info' | 'health.log' | 'health.load'> {
  const load = new LoadMeter();
  return {
    'health.load': () => load.read(ctx.engine.runningPids()),
    'app.info': () => {
      const { keepFiles, maxFileBytes, files, oldestAt } = ctx.audit.retention();
      return {
        version: pkg.version,
        mode: ctx.mode,
        ffmpeg: ctx.ffmpeg(),
        storeNotice: storeNoticeOf(ctx.repo.report),
        notices: [...ctx.audit.notices(), ...ctx.health.notices()],
        auditRetention: { keepFiles, maxFileBytes, files, oldestAt },
      };
    },
    'health.log': (request) => ({ lines: ctx.health.tail(request?.lines ?? 200) }),
  };
}
