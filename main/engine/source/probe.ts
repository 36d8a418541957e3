/**
 * "Test connection": one short ffmpeg run against a camera that reports whether it answers, and
 * with what (codec, size, rate). Built from the engine's own pieces (argument list, log reading,
 * redaction, the kill-with-parent guard); bounded in time, and its ffmpeg is always killed.
 */
import type { ProbeOutcome, ProbeReport } from '../../../preload/api.js';
import { redact } from '../../domain/cameraUrl.js';
import { childRegistry } from '../producer/childRegistry.js';
import { buildFfmpegArgs, type SessionSource } from '../producer/ffmpegArgs.js';
import { sourceSecrets } from './sessionSource.js';
import { classifyFailure, parseVideoInfo } from '../producer/ffmpegLog.js';
import { spawnFfmpeg } from '../producer/ffmpegSpawn.js';

export interface ProbeOptions {
  ffmpegPath: string | null;
  source: SessionSource;
  /** The whole test, connecting included. */
  timeoutMs?: number;
}

/** Enough output to be sure pictures flow (a keyframe or two), not just a container header. */
const ENOUGH_BYTES = 4096;
const LOG_LIMIT = 64 * 1024;
/** Tests at once: an import may ask for many, and each is an ffmpeg and a camera connection. */
export const PROBE_CONCURRENCY = 3;

type End = 'data' | 'exit' | 'timeout' | 'spawn_error';

/** Names the outcome from how the run ended and what ffmpeg said (already redacted). Pure. */
export function probeOutcome(end: End, log: string): ProbeOutcome {
  if (end === 'data') return 'ok';
  if (end === 'spawn_error') return 'ffmpeg_missing';
  const failure = classifyFailure(log);
  if (failure) return failure;
  if (/matches no streams|does not contain any stream/i.test(log)) return 'no_video';
  // Only a test can call these an address fault: a session retries them, a camera may send garbage once.
  if (/Invalid data found|Invalid argument/i.test(log)) return 'bad_url';
  if (end === 'timeout') return 'timeout';
  return parseVideoInfo(log) ? 'no_video' : 'failed';
}

function runProbe({ ffmpegPath, source, timeoutMs = 10_000 }: ProbeOptions & { ffmpegPath: string }): Promise<ProbeReport> {
  const started = Date.now();
  const secrets = sourceSecrets(source);
  // MPEG-TS takes H.264 and H.265 alike, so the test never fails on a codec the wall can transcode.
  const command = buildFfmpegArgs(source, { wideProbe: true, output: 'ts-copy', socketTimeoutMs: Math.min(5000, timeoutMs) });
  return new Promise((resolve) => {
    const child = spawnFfmpeg(ffmpegPath, command);
    let log = '';
    let bytes = 0;
    let ended: End | null = null;
    const finish = (end: End) => {
      if (ended) return;
      ended = end;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      if (log.length < LOG_LIMIT) log += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes >= ENOUGH_BYTES) finish('data');
    });
    child.once('error', () => finish('spawn_error'));
    child.once('close', () => {
      finish('exit');
      childRegistry.delete(child);
      const text = redact(log, secrets);
      const info = parseVideoInfo(text);
      resolve({
        outcome: probeOutcome(ended!, text),
        // With -c copy the output codec is the camera's own; a demo source is encoded, so its output is what plays.
        codec: info?.codec ?? null,
        width: info?.width ?? null,
        height: info?.height ?? null,
        fps: info?.fps ?? null,
        elapsedMs: Date.now() - started,
        detail: text.trim().slice(-2000) || null,
      });
    });
  });
}

let running = 0;
const waiting: (() => void)[] = [];

/** Tests a camera; at most PROBE_CONCURRENCY run at once, the rest wait their turn. */
export async function probeCamera(options: ProbeOptions): Promise<ProbeReport> {
  if (!options.ffmpegPath) return { outcome: 'ffmpeg_missing', codec: null, width: null, height: null, fps: null, elapsedMs: 0, detail: null };
  if (running >= PROBE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runProbe({ ...options, ffmpegPath: options.ffmpegPath });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
