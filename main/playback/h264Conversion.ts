/**
 * Recorded H.265 as H.264, for a page whose WebCodecs cannot decode H.265 (Chromium without a
 * platform HEVC decoder). ffmpeg reads the joined fMP4 of only the range asked on its stdin and
 * writes fMP4 H.264 on its stdout, a fragment a picture, at the pace its reader takes it: a page
 * that stops reading stops the conversion, and one that goes away ends it (`stop()` kills ffmpeg).
 * Export stays a copy: only what is watched is converted.
 */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { childRegistry } from '../engine/producer/childRegistry.js';
import { guardedCommand } from '../engine/producer/spawnGuard.js';
import { boxesIn, child, path } from '../recording/mp4Boxes.js';
import { readInit, readSamples } from './fmp4Read.js';

export interface ConversionInput {
  /** The joined stream's keyframes only (≥ 8×, reverse): each picture comes out a keyframe. */
  keyframesOnly: boolean;
  /** The joined stream's track timescale: the output keeps it, so every time passes through exactly. */
  timescale: number;
}

/**
 * ffmpeg's arguments. Times pass through: `-fps_mode passthrough` neither drops nor repeats a
 * picture (a keyframes-only stream holds one picture per GOP), the encoder counts in the input's
 * time base and the output track in its timescale, so each picture keeps its decode time and the
 * answer's X-Start-Ms still names the first one. zerolatency: no lookahead and no B-frames, so each
 * picture is out as soon as it is in, and its decode time is its presentation time.
 */
export function h264ConversionArgs({ keyframesOnly, timescale }: ConversionInput): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostats',
    '-f', 'mp4', '-i', 'pipe:0',
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    // Keyframes where the recording has them (and nowhere else: no scene cuts), so a seek lands
    // where it would on the recording itself.
    ...(keyframesOnly ? ['-g', '1'] : ['-force_key_frames', 'source', '-sc_threshold', '0']),
    '-fps_mode', 'passthrough', '-enc_time_base', '-1', '-video_track_timescale', String(timescale),
    // A fragment a picture: the first one is on the page as soon as it is encoded, not a GOP later.
    '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_every_frame', 'pipe:1',
  ];
}

/** The sample entry of an fMP4 init's first track (`avc1`, `hvc1`, …), or null when it has none. */
export function sampleEntryOf(init: Buffer): string | null {
  const moov = boxesIn(init).boxes.find((box) => box.type === 'moov');
  const trak = moov ? child(init, moov, 'trak') : null;
  const stsd = path(init, trak, 'mdia', 'minf', 'stbl', 'stsd');
  // stsd: version and flags, entry count, then the first entry's size and type.
  return stsd && stsd.end - stsd.bodyStart >= 16 ? init.toString('latin1', stsd.bodyStart + 12, stsd.bodyStart + 16) : null;
}

/** The first sample's composition offset (presentation minus decode time) in ms, from the init and first fragment. */
function firstCompositionMs(bytes: Buffer): number {
  const init = readInit(bytes);
  const sample = init ? readSamples(bytes, init)[0] : undefined;
  return init && sample ? (sample.cto * 1000) / init.timescale : 0;
}

/** Whether a stream with this sample entry must be converted for a page that asked for H.264. */
export const needsConversion = (entry: string | null) => entry !== null && entry !== 'avc1' && entry !== 'avc3';

export interface H264Conversion {
  /** ffmpeg's fMP4 H.264, read at the reader's pace. */
  output: Readable;
  /** Ends ffmpeg now (the reader went away, or stopped reading): safe to call again. */
  stop(): void;
  /** Resolves once ffmpeg is gone: null after a clean end, else its own words (or the signal). */
  exited: Promise<string | null>;
}

export function startH264Conversion(ffmpegPath: string, input: AsyncIterable<Buffer>, options: ConversionInput): H264Conversion {
  const { command, args } = guardedCommand(ffmpegPath, h264ConversionArgs(options));
  const ffmpeg = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  childRegistry.add(ffmpeg);
  let stderr = '';
  ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let gone = false;
  const exited = new Promise<string | null>((resolve) => {
    const settle = (words: string | null) => {
      if (gone) return;
      gone = true;
      childRegistry.delete(ffmpeg);
      resolve(words);
    };
    ffmpeg.once('error', (error) => settle(`ffmpeg: ${error.message}`));
    ffmpeg.once('close', (code, signal) => settle(code === 0 ? null : stderr.trim() || `ffmpeg ended (${code ?? signal})`));
  });
  const stop = () => {
    if (!gone) ffmpeg.kill('SIGKILL');
  };
  void feed(ffmpeg.stdin, input);
  return { output: ffmpeg.stdout, stop, exited };
}

/** Writes the joined stream into ffmpeg as fast as it reads, then closes its input; stops once ffmpeg is gone. */
async function feed(stdin: Writable, input: AsyncIterable<Buffer>): Promise<void> {
  stdin.on('error', () => {}); // EPIPE once ffmpeg is killed: its exit says what happened
  try {
    for await (const chunk of input) {
      if (stdin.destroyed) break;
      if (!stdin.write(chunk)) await writable(stdin);
    }
  } catch {
    // A segment that cannot be read half way: ffmpeg converts what it was given, and the answer ends there.
  }
  stdin.end();
}

/** Resolves when ffmpeg has read what it was given, or its input is closed (ffmpeg gone). */
function writable(stdin: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stdin.off('drain', done);
      stdin.off('close', done);
      resolve();
    };
    stdin.on('drain', done);
    stdin.on('close', done);
  });
}

/** ffmpeg could not convert the range: the route logs its words and ends the answer. */
export class ConversionError extends Error {}

/**
 * The joined stream as H.264: unchanged when it is H.264 already, else through ffmpeg, which
 * `signal` (the request closing) or the reader's `return()` kills. The first chunk is the stream's
 * init (the joiner sends it first): its sample entry says whether to convert. `answer.startMs` (the
 * first decode time, X-Start-Ms) becomes the first picture's presentation time before anything is
 * yielded: ffmpeg's first picture is the keyframe, shown at its recorded time, and its H.264 has no
 * B-frames, so decode and presentation times are one (a camera's B-frames would shift them).
 */
export async function* asH264(chunks: AsyncGenerator<Buffer, void, void>, ffmpegPath: string, options: ConversionInput, signal: AbortSignal, answer: { startMs: number }): AsyncGenerator<Buffer, void, void> {
  const first = await chunks.next();
  if (first.done) return;
  if (!needsConversion(sampleEntryOf(first.value))) {
    yield first.value;
    return yield* chunks;
  }
  const fragment = await chunks.next();
  const head = fragment.done ? [first.value] : [first.value, fragment.value];
  answer.startMs += firstCompositionMs(Buffer.concat(head));
  const input = async function* () {
    yield* head;
    yield* chunks;
  };
  const conversion = startH264Conversion(ffmpegPath, input(), options);
  signal.addEventListener('abort', conversion.stop, { once: true });
  if (signal.aborted) conversion.stop();
  let complete = false;
  try {
    for await (const chunk of conversion.output) yield chunk as Buffer;
    complete = true;
  } finally {
    signal.removeEventListener('abort', conversion.stop);
    if (!complete) conversion.stop();
  }
  const failure = await conversion.exited;
  // Killed because the request closed: nobody is left to tell.
  if (failure && !signal.aborted) throw new ConversionError(failure);
}
