/**
 * Where a group of processes spends its CPU, by thread: Chromium names its threads (CrRendererMain
 * runs the page's JS, layout and paint; Media and ThreadPool workers decode; VizCompositorThread
 * draws the screen; the network service reads the answers), so per-thread ticks from
 * /proc/<pid>/task/<tid>/stat say which part of a window's CPU is decoding, presenting or script.
 * Linux only, read between a start and a stop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { CLK_TCK, type Proc } from './procSampler.js';

/** Chromium's process kind from its command line: browser, renderer, gpu-process, utility (network). */
export function processKind(cmdline: string): string {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'utility') return /network/i.test(cmdline) ? 'network' : 'utility';
  return type;
}

/** A thread's name without its number (ThreadPoolForegroundWorker, Media, …). */
export const threadGroup = (comm: string) => comm.replace(/[\d/]+$/, '').trim() || comm;

function threadTicks(pid: number): Map<string, { comm: string; ticks: number }> {
  const found = new Map<string, { comm: string; ticks: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.set(`${pid}/${tid}`, { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return found;
}

/**
 * Starts counting the threads of `procs()` (read again at the stop: threads that started inside
 * the window count from zero, which overstates nothing by more than their own life).
 * `stop()` returns % of one core per "process kind / thread name", largest first.
 */
export function startThreadSampling(procs: () => Proc[]): { stop(): { name: string; cpuPct: number }[] } {
  const kinds = new Map<number, string>();
  const before = new Map<string, number>();
  for (const p of procs()) {
    kinds.set(p.pid, processKind(p.cmdline));
    for (const [key, t] of threadTicks(p.pid)) before.set(key, t.ticks);
  }
  const started = Date.now();
  return {
    stop() {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const sums = new Map<string, number>();
      for (const p of procs()) {
        const kind = kinds.get(p.pid) ?? processKind(p.cmdline);
        for (const [key, t] of threadTicks(p.pid)) {
          const name = `${kind} / ${threadGroup(t.comm)}`;
          sums.set(name, (sums.get(name) ?? 0) + t.ticks - (before.get(key) ?? 0));
        }
      }
      return [...sums]
        .map(([name, ticks]) => ({ name, cpuPct: (ticks / CLK_TCK / seconds) * 100 }))
        .filter((row) => row.cpuPct >= 0.05)
        .sort((a, b) => b.cpuPct - a.cpuPct);
    },
  };
}
