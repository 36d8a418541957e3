/**
 * The ffmpeg producer: each run is one supervised ffmpeg child reading the camera (RTSP, or a
 * demo picture) and writing FLV or MPEG-TS on stdout. ffmpeg's own words on stderr tell why a
 * run failed and what the video is.
 */
import type { ChildProcess } from 'node:child_process';
import { childRegistry } from './childRegistry.js';
import { buildFfmpegArgs, type OutputMode } from './ffmpegArgs.js';
import { originalOutput, spawnFfmpeg } from './ffmpegSpawn.js';
import { classifyFailure, parseVideoInfo, type VideoInfo } from './ffmpegLog.js';
import type { Fields, Logger } from '../../lib/logger.js';
import { readPipe } from './pipeReader.js';
import { ProducerBase, type Producer, type ProducerExit } from './producer.js';
import type { SessionSource } from '../source/sessionSource.js';

export interface FfmpegProducerOptions {
  /** null when no ffmpeg could be found: every run ends `ffmpeg_missing`. */
  ffmpegPath: string | null;
  source: SessionSource;
  log: Logger;
  /** Added to every log line (camera, profile). */
  logFields: Fields;
}

const LOG_TAIL_BYTES = 8192;
const KILL_GRACE_MS = 2000;

export class FfmpegProducer extends ProducerBase implements Producer {
  readonly outputs: readonly OutputMode[] = ['flv-copy', 'ts-copy', 'flv-transcode'];
  private child: ChildProcess | null = null;
  private logTail = '';
  private wideProbe = false;

  constructor(private readonly options: FfmpegProducerOptions) {
    super();
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(output: OutputMode, { original = false }: { original?: boolean } = {}): void {
    if (this.running) return;
    this.beginRun();
    this.logTail = '';
    const { ffmpegPath, source, log, logFields } = this.options;
    if (!ffmpegPath) {
      setImmediate(() => this.endRun({ failure: 'ffmpeg_missing', detail: '' }));
      return;
    }
    const child = spawnFfmpeg(ffmpegPath, buildFfmpegArgs(source, { wideProbe: this.wideProbe, output, original }));
    this.child = child;
    log.info('ffmpeg started', { ...logFields, pid: child.pid ?? null, mode: output });
    // Each chunk is a view of a slab that is never written again: viewers may keep it (pipeReader.ts).
    readPipe(child.stdout!, (chunk) => {
      if (child === this.child) this.emit('data', chunk);
    });
    const camerasOwn = originalOutput(child);
    if (camerasOwn)
      readPipe(camerasOwn, (chunk) => {
        if (child === this.child) this.emit('original', chunk);
      });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (child === this.child) this.logTail = (this.logTail + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      childRegistry.delete(child);
      if (child !== this.child) return;
      this.child = null;
      this.endRun({ failure: 'ffmpeg_missing', detail: `${error.code ?? 'error'}: ${ffmpegPath}` });
    });
    child.once('exit', (code, signal) => {
      childRegistry.delete(child);
      if (child !== this.child) return;
      this.child = null;
      log.info('ffmpeg exited', { ...logFields, code, signal });
      this.endRun(this.describeExit(code, signal));
    });
  }

  stop(note?: string): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    if (note) this.logTail += `\n(${note})`;
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    child.once('exit', () => clearTimeout(hard));
  }

  videoInfo(): VideoInfo | null {
    return parseVideoInfo(this.logTail);
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): ProducerExit {
    const log = this.logTail;
    if (code === 127 && /failed to execute/.test(log)) return { failure: 'ffmpeg_missing', detail: lastLines(log, 2) };
    const failure = classifyFailure(log);
    if (failure === 'bad_url') return { failure, detail: lastLines(log, 4) };
    // Some cameras need more than 32 bytes of probing to describe themselves: the next run asks for more.
    if (failure === 'unsupported_codec' && /Could not find codec parameters/.test(log)) this.wideProbe = true;
    return { failure, detail: lastLines(log, 6) || `ffmpeg exited (code ${code ?? signal})` };
  }
}

function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count)
    .join('\n');
}
