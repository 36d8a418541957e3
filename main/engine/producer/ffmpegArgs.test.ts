import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpegArgs.js';

const camera = { kind: 'rtsp' as const, url: 'rtsp://192.0.2.10/ch1', credentials: { username: 'admin', password: 's3cret' } };

describe('buildFfmpegArgs', () => {
  it('pulls RTSP over TCP with a small probe and copies video into FLV on stdout', () => {
    const { args, stdin } = buildFfmpegArgs(camera);
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(stdin).toContain('option rtsp_transport tcp\n');
    expect(stdin).toContain('option probesize 32\n');
    expect(stdin).toContain('option analyzeduration 0\n');
    expect(stdin).toContain('option timeout 5000000\n');
    expect(after('-probesize')).toBe('32');
    expect(after('-c:v')).toBe('copy');
    expect(args.at(-4)).toBe('flv');
    expect(args).toContain('-an');
    expect(args.at(-1)).toBe('pipe:1');
  });

  it('puts credentials only into the script on stdin, never into the arguments', () => {
    const { args, stdin } = buildFfmpegArgs(camera);
    expect(args.filter((arg) => arg.includes('s3cret'))).toEqual([]);
    expect(args[args.indexOf('-i') + 1]).toBe('pipe:0');
    expect(stdin).toContain("file 'rtsp://admin:s3cret@192.0.2.10/ch1'\n");
  });

  it('lets the camera input open RTSP and its transports only, and the script come from the pipe only', () => {
    const { args, stdin } = buildFfmpegArgs(camera);
    expect(stdin).toContain('option protocol_whitelist rtsp,rtsps,tcp,tls,udp,rtp\n');
    expect(args[args.indexOf('-protocol_whitelist') + 1]).toBe('pipe');
  });

  it("quotes an address with a quote in it so the script stays one file line", () => {
    const { stdin } = buildFfmpegArgs({ ...camera, credentials: { username: "o'brien", password: "it's" } });
    expect(stdin).toContain("file 'rtsp://o'\\''brien:it'\\''s@192.0.2.10/ch1'\n");
  });

  it('probes wider on the retry for cameras that need it', () => {
    const { args, stdin } = buildFfmpegArgs(camera, { wideProbe: true });
    expect(args[args.indexOf('-probesize') + 1]).toBe('5000000');
    expect(stdin).toContain('option probesize 5000000\n');
  });

  it('generates a demo picture with the wall clock and encodes it like a camera would', () => {
    const { args, stdin } = buildFfmpegArgs({ kind: 'demo', url: 'demo:square-2', credentials: {} });
    expect(stdin).toBeNull();
    const filter = args[args.indexOf('-i') + 1]!;
    expect(args[args.indexOf('-f') + 1]).toBe('lavfi');
    expect(filter).toContain('smptehdbars');
    expect(filter).toContain('localtime');
    expect(filter).toContain("text='SQUARE-2'");
    expect(args[args.indexOf('-c:v') + 1]).toBe('libx264');
    expect(args[args.indexOf('-bf') + 1]).toBe('0');
    expect(args).not.toContain('-rtsp_transport');
  });

  it('beside a transcode, copies the camera\'s own video into MPEG-TS on fd 3 from the same input', () => {
    const { args, original } = buildFfmpegArgs(camera, { output: 'flv-transcode', original: true });
    expect(original).toBe(true);
    expect(args.filter((arg) => arg === '-i')).toHaveLength(1);
    const flvAt = args.indexOf('pipe:1');
    expect(args.slice(0, flvAt)).toContain('libx264');
    const second = args.slice(flvAt + 1);
    expect(second).toEqual(['-map', '0:v:0', '-c:v', 'copy', '-an', '-f', 'mpegts', '-mpegts_flags', '+resend_headers', '-omit_video_pes_length', '0', 'pipe:3']);
  });

  it('writes nothing on fd 3 when it copies (the one output is the camera\'s own video), or when not asked', () => {
    expect(buildFfmpegArgs(camera, { output: 'flv-transcode' }).args).not.toContain('pipe:3');
    for (const output of ['flv-copy', 'ts-copy'] as const) {
      const { args, original } = buildFfmpegArgs(camera, { output, original: true });
      expect(original).toBe(false);
      expect(args).not.toContain('pipe:3');
    }
  });
});
