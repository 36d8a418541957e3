/**
 * CPU of groups of processes over one window, counting short-lived processes whole: a process
 * started inside the window is counted from its first tick (procSampler counts from when it was
 * first seen), because the recorder starts a writer ffmpeg for every segment and a writer's
 * start-up is part of what a segment costs. Also this Node process's own CPU (process.cpuUsage),
 * for work done in-process (the recorder runs in the bench's process, as it runs in main).
 */
import { allProcs, cpuAndStart, CLK_TCK, sampleEvery, ticksSinceBoot, type Grouping } from './procSampler.js';

export interface WindowCpu {
  seconds: number;
  /** % of one core per group, over the window. */
  groups: Record<string, number>;
  /** % of one core used by this Node process itself. */
  selfPct: number;
}

export function startWindowCpu(grouping: Grouping, everyMs = 250): { stop(): WindowCpu } {
  const startTicks = ticksSinceBoot();
  const startedAt = Date.now();
  const selfStart = process.cpuUsage();
  const last = new Map<number, number>();
  const used = new Map<string, number>();

  const sample = () => {
    for (const [name, procs] of grouping(allProcs())) {
      for (const p of procs) {
        const now = cpuAndStart(p.pid);
        if (!now) continue;
        // Born inside the window: all its time is the window's. Seen before: only what it used since.
        const before = last.get(p.pid) ?? (now.start >= startTicks ? 0 : now.ticks);
        used.set(name, (used.get(name) ?? 0) + (now.ticks - before));
        last.set(p.pid, now.ticks);
      }
    }
  };
  const stopSampling = sampleEvery(sample, everyMs);
  return {
    stop() {
      stopSampling();
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      const self = process.cpuUsage(selfStart);
      const groups: Record<string, number> = {};
      for (const [name, ticks] of used) groups[name] = (ticks / CLK_TCK / seconds) * 100;
      return { seconds, groups, selfPct: ((self.user + self.system) / 1e6 / seconds) * 100 };
    },
  };
}
