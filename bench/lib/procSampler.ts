/**
 * CPU and memory of groups of processes, read from /proc (Linux only) while a bench runs.
 *
 * CPU: utime+stime ticks from /proc/<pid>/stat, summed per group between consecutive samples, so
 * processes that come and go are counted for the time they lived. Memory: Pss and Private
 * (Private_Clean + Private_Dirty) from /proc/<pid>/smaps_rollup, summed per group per sample.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { allProcesses as allProcs, type ProcessInfo as Proc } from '../../tests/fixtures/processes.js';
import { median } from './stats.js';

export { allProcs, type Proc };

/** `root` and every process below it. */
export function descendants(root: number, procs = allProcs()): Proc[] {
  const found = new Set([root]);
  let grew = true;
  for (let depth = 0; grew && depth < 32; depth++) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => found.has(p.pid));
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's CPU time (utime+stime) and its start, both in clock ticks since boot; undefined once gone. */
export function cpuAndStart(pid: number): { ticks: number; start: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state=0 … utime=11 stime=12 … starttime=19 (fields 14, 15 and 22 of stat(5)).
    return { ticks: Number(fields[11]) + Number(fields[12]), start: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

const cpuTicks = (pid: number) => cpuAndStart(pid)?.ticks;

/** Now, in clock ticks since boot (the unit of a process's start time). */
export function ticksSinceBoot(): number {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * CLK_TCK;
}

export { CLK_TCK };

function memoryKb(pid: number): { pss: number; priv: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { pss: kb('Pss'), priv: kb('Private_Clean') + kb('Private_Dirty') };
  } catch {
    return undefined;
  }
}

export interface GroupFigures {
  /** Percent of one core, over the whole sampling window. */
  cpuPct: number;
  /** Median over the samples of the group's summed Pss / Private, in MB. */
  pssMb: number;
  privateMb: number;
  /** Median number of processes in the group. */
  processes: number;
}

/** Assigns a process to a group by name, or skips it (undefined). */
export type Grouping = (procs: Proc[]) => Map<string, Proc[]>;

/** Calls `sample` now and every `everyMs`; the returned stop takes one last sample. */
export function sampleEvery(sample: () => void, everyMs: number): () => void {
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
  };
}

/** Samples the groups every `everyMs` until `stop()`, which returns each group's figures. */
export function startSampling(grouping: Grouping, everyMs = 1000): { stop(): Record<string, GroupFigures> } {
  const lastTicks = new Map<number, number>();
  const ticks = new Map<string, number>();
  const mem = new Map<string, { pss: number[]; priv: number[]; n: number[] }>();
  const started = Date.now();
  let ended = started;

  const sample = () => {
    const groups = grouping(allProcs());
    for (const [name, procs] of groups) {
      let pss = 0;
      let priv = 0;
      for (const p of procs) {
        const now = cpuTicks(p.pid);
        if (now !== undefined) {
          const before = lastTicks.get(p.pid);
          // A process first seen now has run since before this window: count it from here.
          if (before !== undefined) ticks.set(name, (ticks.get(name) ?? 0) + (now - before));
          lastTicks.set(p.pid, now);
        }
        const m = memoryKb(p.pid);
        if (m) {
          pss += m.pss;
          priv += m.priv;
        }
      }
      const series = mem.get(name) ?? { pss: [], priv: [], n: [] };
      series.pss.push(pss / 1024);
      series.priv.push(priv / 1024);
      series.n.push(procs.length);
      mem.set(name, series);
    }
    ended = Date.now();
  };
  const stopSampling = sampleEvery(sample, everyMs);
  return {
    stop() {
      stopSampling();
      const seconds = Math.max((ended - started) / 1000, 0.001);
      const result: Record<string, GroupFigures> = {};
      for (const [name, series] of mem) {
        result[name] = {
          cpuPct: ((ticks.get(name) ?? 0) / CLK_TCK / seconds) * 100,
          pssMb: median(series.pss),
          privateMb: median(series.priv),
          processes: median(series.n),
        };
      }
      return result;
    },
  };
}

/** Busy time of the whole machine: call once to start, call the result to get % of one core since. */
export function machineBusy(): () => number {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, at: Date.now() };
  };
  const start = read();
  return () => {
    const end = read();
    return ((end.busy - start.busy) / CLK_TCK / Math.max((end.at - start.at) / 1000, 0.001)) * 100;
  };
}
