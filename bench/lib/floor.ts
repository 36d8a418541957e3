/**
 * Latency floors: plain RTSP clients that decode the clock camera, with nothing of the console
 * in between.
 * - `startFfmpegFloor`, THE floor: ffmpeg, as the console ingests, decoding to gray pixels that
 *   Node reads the stamp from as they leave ffmpeg.
 * - `startGstFloor`, the transport floor: GStreamer's RTSP client (gst_floor.py), which does not
 *   hold a frame back; it shows what the camera and the RTSP hop alone cost.
 * - `startRemuxFloor`, the remux floor: the console's ingest alone (`ffmpeg -c copy` to FLV, the
 *   peer's and a Session's flags) decoded by GStreamer. It includes the ingest's one-frame hold
 *   and no decoding ffmpeg: the lowest a player behind that ingest can reach (issue 16).
 */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { STAMP_ROWS, STAMP_WIDTH, latencyOf, readStamp } from './stamp.js';

/** The client flags: the console's own ingest flags, plus the lowest-delay decode ffmpeg offers. */
export const FLOOR_ARGS = (url: string) => [
  '-hide_banner', '-nostdin', '-loglevel', 'error',
  '-rtsp_transport', 'tcp', '-probesize', '32', '-analyzeduration', '0',
  '-fflags', 'nobuffer', '-flags', 'low_delay', '-threads', '1',
  '-i', url,
  '-an', '-vf', `crop=${STAMP_WIDTH}:${STAMP_ROWS}:0:0`, '-pix_fmt', 'gray',
  '-fps_mode', 'passthrough', '-f', 'rawvideo', '-flush_packets', '1', 'pipe:1',
];

/** The console's ingest flags: RTSP over TCP, minimal probing, H.264 copied into FLV on stdout. */
export const COPY_INGEST_ARGS = (url: string) => [
  '-hide_banner', '-nostdin', '-loglevel', 'error',
  '-rtsp_transport', 'tcp', '-probesize', '32', '-analyzeduration', '0',
  '-i', url, '-c:v', 'copy', '-an', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1',
];

export interface Sample {
  /** Epoch ms when the frame was seen. */
  at: number;
  latencyMs: number;
}

export interface FloorClient {
  pid: number;
  /** Every process of this client (a remux floor is an ingest ffmpeg and a decoder). */
  pids: number[];
  /** Takes the samples gathered since the last call. */
  drain(): Sample[];
  misreads(): number;
  stop(): Promise<void>;
}

export function startFfmpegFloor(url: string): FloorClient {
  const child = spawn('ffmpeg', FLOOR_ARGS(url), { stdio: ['ignore', 'pipe', 'pipe'] });
  const frameBytes = STAMP_WIDTH * STAMP_ROWS;
  let pending: Buffer = Buffer.alloc(0);
  const sink = new SampleSink();
  child.stderr.resume();
  child.stdout.on('data', (chunk: Buffer) => {
    const at = Date.now();
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes) {
      const stamp = readStamp(pending.subarray(0, frameBytes), 1);
      pending = pending.subarray(frameBytes);
      sink.add(at, stamp);
    }
  });
  return sink.client(child, () => child.kill('SIGTERM'));
}

const PYTHON = '/usr/bin/python3';
const GST_FLOOR = fileURLToPath(new URL('./gst_floor.py', import.meta.url));

export function startGstFloor(url: string): FloorClient {
  const child = spawn(PYTHON, [GST_FLOOR, url], { stdio: ['pipe', 'pipe', 'pipe'] });
  return gstClient(child, () => child.stdin.end());
}

/** Reads gst_floor.py's sample lines; `also`: processes that feed it, stopped with it. */
function gstClient(child: ChildProcessWithoutNullStreams | ChildProcess, askToStop: () => void, also: ChildProcess[] = []): FloorClient {
  const sink = new SampleSink();
  child.stdin!.on('error', () => undefined);
  child.stderr!.resume();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const { at, stamp } = JSON.parse(line) as { at: number; stamp: number };
      sink.add(at, stamp);
    } catch {
      // not a sample line
    }
  });
  return sink.client(child, askToStop, also);
}

/** An ingest to measure: a program writing the camera's H.264 as FLV on stdout. */
export interface Ingest {
  command: string;
  args: string[];
}

/** The remux floor of `ingest` (default: the console's own ffmpeg -c copy). */
export function startRemuxFloor(url: string, ingestOf: (url: string) => Ingest = (u) => ({ command: 'ffmpeg', args: COPY_INGEST_ARGS(u) })): FloorClient {
  const { command, args } = ingestOf(url);
  const ingest = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  // The ingest's stdout becomes the decoder's fd 3: nothing of Node in between.
  const child = spawn(PYTHON, [GST_FLOOR, '--fd', '3'], { stdio: ['pipe', 'pipe', 'pipe', ingest.stdout] });
  ingest.stdout.destroy(); // the decoder holds it now
  return gstClient(child, () => {
    child.stdin?.end();
    ingest.kill('SIGTERM');
  }, [ingest]);
}

class SampleSink {
  private samples: Sample[] = [];
  private bad = 0;

  add(at: number, stamp: number): void {
    if (stamp < 0) this.bad++;
    else this.samples.push({ at, latencyMs: latencyOf(at, stamp) });
  }

  client(child: ChildProcess, askToStop: () => void, also: ChildProcess[] = []): FloorClient {
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const feeders = also.map((p) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('close', () => resolve()))));
    return {
      pid: child.pid ?? -1,
      pids: [child, ...also].map((p) => p.pid ?? -1).filter((pid) => pid > 0),
      drain: () => {
        const out = this.samples;
        this.samples = [];
        return out;
      },
      misreads: () => this.bad,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) {
          for (const p of also) p.kill('SIGKILL');
          return void (await Promise.all(feeders));
        }
        askToStop();
        const timer = setTimeout(() => [child, ...also].forEach((p) => p.kill('SIGKILL')), 3000);
        await Promise.all([exited, ...feeders]);
        clearTimeout(timer);
      },
    };
  }
}
