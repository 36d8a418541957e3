import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpegArgs.js';

const camera = { kind: 'rtsp' as const, url: 'rtsp://192.0.2.10/ch1', credentials: { username: 'admin', password: 's3cret' } };

describe('buildFfmpegArgs', () => {
  it('pulls RTSP over TCP with a small probe and copies video into FLV on stdout', () => {
    const args = buildFfmpegArgs(camera);
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-rtsp_transport')).toBe('tcp');
    expect(after('-probesize')).toBe('32');
    expect(after('-analyzeduration')).toBe('0');
    expect(after('-c:v')).toBe('copy');
    expect(after('-f')).toBe('flv');
    expect(args).toContain('-an');
    expect(args.at(-1)).toBe('pipe:1');
    expect(after('-timeout')).toBe('5000000');
  });

  it('puts credentials only into the input URL', () => {
    const args = buildFfmpegArgs(camera);
    const withSecret = args.filter((arg) => arg.includes('s3cret'));
    expect(withSecret).toEqual(['rtsp://admin:s3cret@192.0.2.10/ch1']);
    expect(args[args.indexOf(withSecret[0]!) - 1]).toBe('-i');
  });

  it('probes wider on the retry for cameras that need it', () => {
    const args = buildFfmpegArgs(camera, { wideProbe: true });
    expect(args[args.indexOf('-probesize') + 1]).toBe('5000000');
  });

  it('generates a demo picture with the wall clock and encodes it like a camera would', () => {
    const args = buildFfmpegArgs({ kind: 'demo', url: 'demo:square-2', credentials: {} });
    const filter = args[args.indexOf('-i') + 1]!;
    expect(args[args.indexOf('-f') + 1]).toBe('lavfi');
    expect(filter).toContain('smptehdbars');
    expect(filter).toContain('localtime');
    expect(filter).toContain("text='SQUARE-2'");
    expect(args[args.indexOf('-c:v') + 1]).toBe('libx264');
    expect(args[args.indexOf('-bf') + 1]).toBe('0');
    expect(args).not.toContain('-rtsp_transport');
  });
});
