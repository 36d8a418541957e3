/**
 * The machine and versions a figure was measured on, and how busy the machine was meanwhile:
 * figures from different machines, or a busy one, are not comparable.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineLines(): string[] {
  const mpegts = JSON.parse(readFileSync(join(ROOT, 'node_modules/mpegts.js/package.json'), 'utf8')) as { version: string };
  const commit = firstLine('git', ['-C', ROOT, 'log', '-1', '--format=%h %cI']);
  const dirty = firstLine('git', ['-C', ROOT, 'status', '--porcelain']) === '' ? '' : ' (uncommitted changes)';
  return [
    `machine: ${cpus().length} CPUs (nproc), ${cpuModel()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `versions: node ${process.version}; ${firstLine('ffmpeg', ['-version']).replace(/ Copyright.*/, '')}; ` +
      `${firstLine('/usr/bin/chromium', ['--version'])}; mpegts.js ${mpegts.version}; ${firstLine('gst-launch-1.0', ['--version'])}`,
    `code: ${commit}${dirty}`,
  ];
}

export function loadLine(label: string): string {
  return `load average ${label}: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
