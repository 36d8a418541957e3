/**
 * Every few minutes the main process writes its own memory and how many ffmpeg it runs to a
 * rotating log, so an admin can see from the UI whether a wall that has run for months is
 * still as lean as on its first day.
 */
import type { StreamEngine } from '../engine/streamEngine.js';
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

  constructor(path: string, engine: StreamEngine, everyMs = 5 * 60_000) {
    this.file = new RotatingFile(path);
    const write = () => this.file.append(JSON.stringify(sampleHealth(engine)));
    write();
    this.timer = setInterval(write, everyMs);
    this.timer.unref();
  }

  tail(lines = 200): string[] {
    return this.file.tail(lines);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
