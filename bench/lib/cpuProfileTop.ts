/**
 * The functions a V8 CPU profile (`.cpuprofile`, from `--cpu-prof` or the inspector) spent their
 * own time in, heaviest first: what to read before guessing where a process's CPU goes. Pure.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  /** `name (file:line)`, or V8's own entries: `(garbage collector)`, `(program)`, `(idle)`. */
  what: string;
  ms: number;
  /** Of the profile's time that was not idle. */
  pct: number;
}

const fileOf = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/(main|preload|bench|tests|node_modules)\//, '$1/');

function label({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const name = functionName || '(anonymous)';
  return url ? `${name} (${fileOf(url)}:${lineNumber + 1})` : name;
}

/** Self time per function (samples × their time deltas), heaviest first; idle time is left out. */
export function selfTimes(profile: CpuProfile, top = 15): SelfTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, label(node.callFrame)]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const us = new Map<string, number>();
  // A sample's delta is the time since the one before it: it is charged to the sample it ends at.
  for (let i = 0; i < samples.length; i++) {
    const what = byId.get(samples[i]!) ?? '(unknown)';
    us.set(what, (us.get(what) ?? 0) + Math.max(0, deltas[i] ?? 0));
  }
  us.delete('(idle)');
  const busy = [...us.values()].reduce((a, b) => a + b, 0) || 1;
  return [...us.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([what, t]) => ({ what, ms: t / 1000, pct: (t / busy) * 100 }));
}
