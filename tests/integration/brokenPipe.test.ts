/**
 * A headless console whose terminal is closed: its stdout and stderr readers are gone, and every
 * log line it writes fails with EPIPE. Before the fix that error came back as an uncaught
 * exception, logged to stderr again: the console spun a core (70–90 %) and stopped answering.
 */
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { startConsole, type Console } from '../e2e/harness.js';

let wall: Console | null = null;
afterAll(async () => {
  if (wall && wall.process.exitCode === null) wall.process.kill('SIGKILL');
});

/** The process's CPU time so far, in clock ticks (utime + stime). */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

it('keeps answering, and does not spin, after the reader of its stdout and stderr goes away', async () => {
  wall = await startConsole(['--no-demo']);
  const pid = wall.process.pid!;
  wall.process.stdout?.destroy();
  wall.process.stderr?.destroy();
  // Something that logs, again and again: a camera that cannot connect, shown on the wall.
  const added = await wall.call('cameras.add', { name: '断线', mainUrl: 'rtsp://127.0.0.1:9/none' });
  expect(added.ok).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const before = cpuTicks(pid);
  const startedAt = Date.now();
  const answered = await wall.call('cameras.list');
  expect(answered.ok).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const busy = (cpuTicks(pid) - before) / ((Date.now() - startedAt) / 10); // ticks are 10 ms
  console.log(`[figure] console CPU with its output pipes gone: ${Math.round(busy * 100)} % of a core`);
  // A loop of failing log writes keeps a core busy; an idle console with one retrying camera is near 0.
  expect(busy).toBeLessThan(0.4);
}, 60_000);
