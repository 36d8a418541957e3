/**
 * How busy this PC is, for the wall's decode budget: the Node process's own CPU and its ffmpeg
 * children's (from /proc on Linux), in % of one core, and the whole machine's (os.cpus(), every
 * platform) in % of all cores — the renderer's decoding shows only there. Since the previous reading.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

function childTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // gone, or not Linux
  }
}

/** All cores' busy and total time (ms) since boot. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

export class LoadMeter {
  private last = { at: performance.now(), cpu: process.cpuUsage(), children: new Map<number, number>(), machine: machineTimes() };

  read(childPids: number[]): { mainCpu: number; ffmpegCpu: number; machineCpu: number | null; cores: number; ffmpeg: number } {
    const at = performance.now();
    const cpu = process.cpuUsage();
    const machine = machineTimes();
    const machineTotal = machine.total - this.last.machine.total;
    const seconds = Math.max(0.001, (at - this.last.at) / 1000);
    const mainUs = cpu.user - this.last.cpu.user + cpu.system - this.last.cpu.system;
    const children = new Map(childPids.map((pid) => [pid, childTicks(pid)]));
    let ticks = 0;
    for (const [pid, now] of children) ticks += Math.max(0, now - (this.last.children.get(pid) ?? now));
    const machineBusy = machine.busy - this.last.machine.busy;
    this.last = { at, cpu, children, machine };
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      mainCpu: round((mainUs / 1e6 / seconds) * 100),
      ffmpegCpu: round((ticks / TICKS_PER_SECOND / seconds) * 100),
      machineCpu: machineTotal > 0 ? round((machineBusy / machineTotal) * 100) : null,
      cores: availableParallelism(),
      ffmpeg: childPids.length,
    };
  }
}
