/**
 * Reading ffmpeg's own words on stderr: why a run failed, and what the input stream is.
 * Pure functions over text that has already been redacted.
 */
import type { StreamState } from '../../../preload/api.js';

export type FailureState = Extract<StreamState, 'bad_url' | 'unauthorized' | 'not_found' | 'unreachable' | 'unsupported_codec'>;

/**
 * The one reading of ffmpeg's words: a session's run and 测试连接 both name their failure here,
 * so a tile and the test say the same reason (the page words it: renderer/ui/reasons.ts).
 */
const FAILURES: [FailureState, RegExp][] = [
  // No retry mends these: the session stops at `bad_url` until the address is edited.
  ['bad_url', /Protocol not found|Invalid URL|Port missing in uri/i],
  ['unauthorized', /401 Unauthorized|403 Forbidden/i],
  ['not_found', /404 Not Found|454 Session Not Found|400 Bad Request|Server returned 4\d\d|method DESCRIBE failed: 4\d\d/i],
  [
    'unreachable',
    /Connection refused|Connection timed out|No route to host|Network is unreachable|Name or service not known|Temporary failure in name resolution|Host is unreachable|Operation timed out|Connection reset by peer/i,
  ],
  ['unsupported_codec', /not compatible with flv|codec not currently supported in container|Unsupported codec|Could not find codec parameters/i],
];

/** The named reason a run of ffmpeg failed, if its log says one. */
export function classifyFailure(log: string): FailureState | null {
  for (const [state, pattern] of FAILURES) if (pattern.test(log)) return state;
  return null;
}

export interface VideoInfo {
  /** The codec the viewer receives (the output's, which differs from the input's when encoding). */
  codec: string;
  /** The camera's own codec. */
  inputCodec: string;
  width: number | null;
  height: number | null;
  fps: number | null;
}

const VIDEO_LINE = /Stream #0:\d+[^\n]*?: Video: ([^\n]+)/;
const codecOf = (line: string) => /^([a-z0-9_]+)/i.exec(line)?.[1] ?? 'unknown';

/**
 * Parses ffmpeg's description of the video stream, e.g.
 * `  Stream #0:0: Video: h264 (High), yuv420p(progressive), 640x360 [SAR 1:1 DAR 16:9], 15 fps, 15 tbr, 90k tbn`
 * Size and rate come from the Input #0 section, the codec from Output #0 when it is there.
 */
export function parseVideoInfo(log: string): VideoInfo | null {
  const inputStart = log.indexOf('Input #0');
  if (inputStart < 0) return null;
  const outputStart = log.indexOf('Output #0', inputStart);
  const input = VIDEO_LINE.exec(log.slice(inputStart, outputStart < 0 ? undefined : outputStart))?.[1];
  if (!input) return null;
  const output = outputStart < 0 ? undefined : VIDEO_LINE.exec(log.slice(outputStart))?.[1];
  const size = /\b(\d{2,5})x(\d{2,5})\b/.exec(input);
  const fps = /([\d.]+) fps/.exec(input);
  return {
    codec: codecOf(output ?? input),
    inputCodec: codecOf(input),
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    fps: fps ? Number(fps[1]) : null,
  };
}
