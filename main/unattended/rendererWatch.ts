/**
 * Self-healing of a wall window: a renderer that crashes is reloaded at once, one that hangs is
 * reloaded if it does not recover within a grace period; each event is logged. Named shapes only,
 * so it is tested without Electron.
 */
import type { Logger } from '../lib/logger.js';

export interface ContentsLike {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  reload(): void;
  isDestroyed(): boolean;
}

export function watchRenderer(contents: ContentsLike, log: Logger, hangGraceMs = 10_000, setTimer = setTimeout, clearTimer = clearTimeout): void {
  let hang: ReturnType<typeof setTimeout> | null = null;
  const reload = (why: string) => {
    if (contents.isDestroyed()) return;
    log.warn('wall renderer reloaded', { why });
    contents.reload();
  };
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    reload(`renderer ${details.reason} (exit ${details.exitCode})`);
  });
  contents.on('unresponsive', () => {
    hang ??= setTimer(() => {
      hang = null;
      reload('renderer hung');
    }, hangGraceMs);
  });
  contents.on('responsive', () => {
    if (hang) clearTimer(hang);
    hang = null;
  });
}
