/**
 * Every few minutes the main process writes its own memory and how many ffmpeg it runs to a
 * rotating log, so an admin can see from the UI whether a wall that has run for months is
 * still as lean as on its first day.
 */
import type { ConsoleNotice } from '../../preload/api.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import { diskFailureOf, type DiskFailure } from '../store/diskProblem.js';
import { RotatingFile } from './rotatingFile.js';

export interface HealthSample {
  at: string;
  rssMB: number;
  heapMB: number;
  ffmpeg: number;
  sessions: number;
  live: number;
  uptimeMin: number;
}

export function sampleHealth(engine: StreamEngine): HealthSample {
  const memory = process.memoryUsage();
  const statuses = engine.statuses();
  return {
    at: new Date().toISOString(),
    rssMB: Math.round(memory.rss / 1048576),
    heapMB: Math.round(memory.heapUsed / 1048576),
    ffmpeg: engine.runningPids().length,
    sessions: statuses.length,
    live: statuses.filter((s) => s.state === 'live').length,
    uptimeMin: Math.round(process.uptime() / 60),
  };
}

export class HealthLog {
  private readonly file: RotatingFile;
  private readonly timer: NodeJS.Timeout;
  private failure: (DiskFailure & { at: number }) | null = null;

  constructor(
    path: string,
    private readonly engine: StreamEngine,
    everyMs = 5 * 60_000,
  ) {
    this.file = new RotatingFile(path);
    this.writeSample();
    this.timer = setInterval(() => this.writeSample(), everyMs);
    this.timer.unref();
  }

  /** Writes one sample; never throws (it runs from a timer): a failure is kept to be said. */
  writeSample(): void {
    try {
      this.file.append(JSON.stringify(sampleHealth(this.engine)));
      this.failure = null;
    } catch (error) {
      this.failure = { ...diskFailureOf(error), at: this.failure?.at ?? Date.now() };
    }
  }

  /** Said to the admin while the log cannot be written. */
  notices(): ConsoleNotice[] {
    if (!this.failure) return [];
    const { problem, detail, at } = this.failure;
    return [{ kind: 'health_log_unwritable', path: this.file.path, from: null, to: null, problem, detail, at }];
  }

  tail(lines = 200): string[] {
    try {
      return this.file.tail(lines);
    } catch {
      return [];
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
