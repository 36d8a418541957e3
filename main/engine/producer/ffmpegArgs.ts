/**
 * Builds ffmpeg's command for one session. Pure: the same input always gives the same command.
 * A camera's URL, with its credentials, goes in a one-line concat script ffmpeg reads on stdin,
 * never on the command line, which every user of the PC can read (`ps`, /proc/<pid>/cmdline).
 */
import { urlWithCredentials } from '../../domain/cameraUrl.js';
import type { SessionSource } from '../source/sessionSource.js';

// Re-exported: the store and the IPC layer import the source type from here.
export type { SessionSource } from '../source/sessionSource.js';

/**
 * What ffmpeg writes for the viewer: copy H.264 into FLV; copy H.265 into MPEG-TS for viewers that
 * decode it, or that want it as it arrives (a recorder; ffmpeg 5.1 refuses HEVC in FLV); or
 * transcode to H.264 for viewers that cannot — and then the camera's own H.265 as it arrives too,
 * copied into MPEG-TS on fd 3, so a recorder shares the tiles' one pull and never transcodes.
 */
export type OutputMode = 'flv-copy' | 'ts-copy' | 'flv-transcode';

export interface ArgsOptions {
  output?: OutputMode;
  /** Larger probing for cameras whose first packets do not say enough (second try). */
  wideProbe?: boolean;
  /** Socket timeout for connect and reads, in ms. */
  socketTimeoutMs?: number;
  /** Beside a transcode, also the camera's video as it arrives on fd ORIGINAL_FD (for H.265: MPEG-TS carries it). */
  original?: boolean;
}

/** Demo sources: a moving test picture with the wall-clock time burnt in, like a camera's OSD. */
// Cheap generators only: nine demo cameras plus nine decodes must fit on a 2-core PC
// (measured: testsrc2 ≈ 4 % of a core with encoding; mandelbrot ≈ 13 %, life ≈ 11 %).
const DEMO_PATTERNS: Record<string, string> = {
  crossroads: 'testsrc2',
  square: 'smptehdbars',
  school: 'rgbtestsrc',
  market: 'testsrc',
  river: 'cellauto',
  gate: 'smptebars',
};
const GENERATOR_OPTIONS: Record<string, string> = { cellauto: ':rule=110:scroll=1' };

/** `demo:square-2` → the `square` picture, labelled SQUARE-2. */
function demoFilter(url: string): string {
  const name = url.slice('demo:'.length);
  const source = DEMO_PATTERNS[name.split('-')[0] ?? ''] ?? 'testsrc2';
  const size = '640x360';
  const base = `${source}=size=${size}:rate=15${GENERATOR_OPTIONS[source] ?? ''}`;
  // The clock is drawn from localtime on every frame: a frozen demo picture shows it at once.
  const clock =
    "drawtext=text='%{localtime\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}':x=12:y=12:fontsize=22:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6";
  const label = `drawtext=text='${name.toUpperCase()}':x=w-tw-12:y=h-th-12:fontsize=22:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6`;
  return `${base},format=yuv420p,${clock},${label}`;
}

const FLV_OUT = ['-an', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1'];
// -omit_video_pes_length 0: each picture's PES says its length (when ≤ 64 KiB), so the page's
// demuxer hands it to the decoder as soon as it is whole, not when the next one starts (a frame
// later); and a recorder times it by when it came, the same in a copy run and beside a conversion
// (without it the copy on fd 3 came a frame late: segments after an output switch were a frame off).
const TS_MUX = ['-an', '-f', 'mpegts', '-mpegts_flags', '+resend_headers', '-omit_video_pes_length', '0'];
const TS_OUT = [...TS_MUX, 'pipe:1'];
// Transcode only what a viewer cannot decode: ultrafast, zero latency, no B-frames, 1 s GOP.
const H264_ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0', '-pix_fmt', 'yuv420p'];

/** The camera's video as it arrives, beside a transcode: a second output of the same ffmpeg, on fd 3. */
export const ORIGINAL_FD = 3;
// A remux costs about 0.5 % of a core: far less than a second pull or a second transcode.
const ORIGINAL_OUT = ['-map', '0:v:0', '-c:v', 'copy', ...TS_MUX, `pipe:${ORIGINAL_FD}`];

function videoOutput(mode: OutputMode, original: boolean): string[] {
  if (mode === 'ts-copy') return ['-c:v', 'copy', ...TS_OUT];
  if (mode === 'flv-transcode') return [...H264_ENCODE, '-force_key_frames', 'expr:gte(t,n_forced*1)', ...FLV_OUT, ...(original ? ORIGINAL_OUT : [])];
  return ['-c:v', 'copy', ...FLV_OUT];
}

/** What to run: the arguments (nothing secret in them) and what to write to ffmpeg's stdin. */
export interface FfmpegCommand {
  args: string[];
  stdin: string | null;
  /** ffmpeg also writes the camera's video as it arrives on fd ORIGINAL_FD (MPEG-TS). */
  original?: boolean;
}

/**
 * What a camera's ffmpeg may open: RTSP and the transports under it (rtsps is RTSP over TLS; a
 * relay-rtsp source is RTSP too). Never `file:`, `http:`, `pipe:` or any other protocol, whatever
 * an address, a server's redirect or an SDP names.
 */
export const CAMERA_PROTOCOLS = 'rtsp,rtsps,tcp,tls,udp,rtp';

/** A token in a concat script: single-quoted, a quote written as '\'' (ffmpeg's av_get_token). */
const scriptToken = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * The camera as a concat script of one file. ffmpeg 5.1 takes RTSP credentials only in the URL,
 * and `option` lines give the RTSP demuxer what `-rtsp_transport` etc. gave it on the command line.
 */
function cameraScript(url: string, options: Record<string, string>): string {
  const lines = ['ffconcat version 1.0', `file ${scriptToken(url)}`, ...Object.entries(options).map(([key, value]) => `option ${key} ${value}`)];
  return lines.join('\n') + '\n';
}

export function buildFfmpegArgs(source: SessionSource, options: ArgsOptions = {}): FfmpegCommand {
  // A relay's FLV is pulled by the engine itself (flvPullProducer.ts), never through ffmpeg.
  if (source.kind === 'flv-pull') throw new Error('an flv-pull source is not read by ffmpeg');
  const common = ['-hide_banner', '-nostats', '-loglevel', 'info'];
  const original = options.output === 'flv-transcode' && options.original === true;
  const output = FLV_OUT;
  if (source.kind === 'demo') {
    const args = [
      ...common,
      '-re',
      '-f',
      'lavfi',
      '-i',
      demoFilter(source.url),
      // GOP = fps: the same shape a real camera's sub stream has.
      ...H264_ENCODE,
      '-g',
      '15',
      '-b:v',
      '600k',
      ...output,
    ];
    return { args, stdin: null };
  }
  // -probesize 32: first keyframe in ~0.25 s instead of ~1.3 s with the defaults.
  const probe = options.wideProbe ? { probesize: '5000000', analyzeduration: '2000000' } : { probesize: '32', analyzeduration: '0' };
  const stdin = cameraScript(urlWithCredentials(source.url, source.credentials), {
    protocol_whitelist: CAMERA_PROTOCOLS,
    rtsp_transport: 'tcp',
    // A socket timeout in µs on ffmpeg ≥ 5 (on 4.x it meant "listen"): an unreachable camera
    // fails in seconds instead of hanging.
    timeout: String((options.socketTimeoutMs ?? 5000) * 1000),
    ...probe,
  });
  const args = [
    ...common,
    // The script itself may come from stdin only; -auto_convert 0 passes packets as the camera sent them.
    ...['-f', 'concat', '-safe', '0', '-auto_convert', '0', '-protocol_whitelist', 'pipe'],
    ...['-probesize', probe.probesize, '-analyzeduration', probe.analyzeduration],
    '-i',
    'pipe:0',
    '-map',
    '0:v:0',
    ...videoOutput(options.output ?? 'flv-copy', original),
  ];
  return { args, stdin, original };
}
