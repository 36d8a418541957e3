import { describe, expect, it } from 'vitest';
import { classifyFailure, parseVideoInfo } from './ffmpegLog.js';

describe('classifyFailure', () => {
  it.each([
    ['[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized', 'unauthorized'],
    ['[rtsp @ 0x55] method DESCRIBE failed: 404 Not Found', 'not_found'],
    ['rtsp://127.0.0.1:1/x: Connection refused', 'unreachable'],
    ['[tcp @ 0x1] Connection to tcp://192.0.2.1:554?timeout=5000000 failed: Connection timed out', 'unreachable'],
    ['[flv @ 0x1] Video codec hevc not compatible with flv', 'unsupported_codec'],
    // The same words end a session at `bad_url` and a connection test with "地址格式错误".
    ['[in#0 @ 0x1] Error opening input: Protocol not found', 'bad_url'],
    ['[rtsp @ 0x1] Port missing in uri', 'bad_url'],
  ])('%s → %s', (log, state) => {
    expect(classifyFailure(log)).toBe(state);
  });

  it('says nothing when the log names no reason (a plain disconnect)', () => {
    expect(classifyFailure('frame=  100 fps= 15\n')).toBeNull();
  });
});

describe('parseVideoInfo', () => {
  const log = [
    "Input #0, rtsp, from 'rtsp://127.0.0.1:8554/cam1':",
    '  Stream #0:0: Video: hevc (Main), yuv420p(tv), 1280x720, 12.50 fps, 25 tbr, 90k tbn',
    "Output #0, flv, to 'pipe:1':",
    '  Stream #0:0: Video: h264 ([7][0][0][0] / 0x0007), yuv420p, 1280x720, q=2-31',
  ].join('\n');

  it('takes size and rate from the input, codec from the output', () => {
    expect(parseVideoInfo(log)).toEqual({ codec: 'h264', inputCodec: 'hevc', width: 1280, height: 720, fps: 12.5 });
  });

  it('falls back to the input codec before the output is described', () => {
    expect(parseVideoInfo(log.split('\n').slice(0, 2).join('\n'))).toMatchObject({ codec: 'hevc' });
  });

  it('returns null before ffmpeg has described its input', () => {
    expect(parseVideoInfo('Connection refused')).toBeNull();
  });
});
