/**
 * Proves the RTSP fixture with real GStreamer and real ffmpeg/ffprobe clients.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { childPids, isAlive } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';

// Our client processes run under this argv[0] so that other suites, which count
// `ffmpeg ... -rtsp_transport` processes system-wide, never see them.
const CLIENT_ARGV0 = 'village-wall-fixture-client';
const DIGEST = { user: 'admin', password: 's3cret:/@', method: 'digest' } as const;
const BASIC = { user: 'viewer', password: 'pa ss', method: 'basic' } as const;

let fx: RtspFixture;
const clients = new Set<FlvClient>();

beforeAll(async () => {
  fx = await startRtspFixture([
    { name: 'cam1' },
    { name: 'hevc', codec: 'h265' },
    { name: 'digest', auth: DIGEST },
    { name: 'basic', auth: BASIC },
    { name: 'flaky' },
  ]);
}, 60_000);

afterEach(() => {
  for (const c of clients) c.kill();
  clients.clear();
});

afterAll(() => fx?.close(), 30_000);

describe('RTSP fixture', { timeout: 30_000 }, () => {
  it('serves H.264 that ffmpeg copies into FLV, keyframe first', async () => {
    const client = watch(fx.url('cam1'));
    const firstKeyframeMs = await client.until(() => client.firstKeyframeMs, 5_000);
    expect(client.head.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(firstKeyframeMs).toBeLessThan(3_000);
  });

  it('serves H.265 that probes as hevc', async () => {
    const { stdout } = await run('ffprobe', [
      '-v', 'error', '-rtsp_transport', 'tcp', '-probesize', '32', '-analyzeduration', '0',
      '-show_entries', 'stream=codec_name,width,height', '-of', 'json', fx.url('hevc'),
    ]);
    const probe = JSON.parse(stdout) as { streams: { codec_name: string; width: number; height: number }[] };
    expect(probe.streams).toEqual([{ codec_name: 'hevc', width: 640, height: 360 }]);
  });

  it('challenges a digest camera with Digest only, refuses a wrong password, accepts the right one', async () => {
    const challenge = await describeRequest(fx.port, '/digest');
    expect(challenge.status).toBe(401);
    expect(challenge.authenticate).toHaveLength(1);
    expect(challenge.authenticate[0]).toMatch(/^Digest realm="[^"]+", nonce="[^"]+"/);

    const wrong = watch(`rtsp://admin:nope@127.0.0.1:${fx.port}/digest`);
    expect((await wrong.exited).code).not.toBe(0);
    expect(wrong.stderr).toContain('401');

    const right = watch(fx.url('digest', true));
    await right.until(() => right.firstKeyframeMs, 5_000);
  });

  it('challenges a basic camera with Basic and accepts its credentials', async () => {
    const challenge = await describeRequest(fx.port, '/basic');
    expect(challenge.status).toBe(401);
    expect(challenge.authenticate).toEqual([expect.stringMatching(/^Basic realm=/)]);

    const right = watch(fx.url('basic', true));
    await right.until(() => right.firstKeyframeMs, 5_000);
  });

  it('stop disconnects clients and 404s new ones; start brings the camera back', async () => {
    const before = watch(fx.url('flaky'));
    await before.until(() => before.firstKeyframeMs, 5_000);

    await fx.stop('flaky');
    await within(before.exited, 3_000, 'connected client to exit after stop');
    const refused = watch(fx.url('flaky'));
    expect((await refused.exited).code).not.toBe(0);
    expect(refused.stderr).toContain('404');

    await fx.start('flaky');
    const after = watch(fx.url('flaky'));
    await after.until(() => after.firstKeyframeMs, 5_000);
  });

  it('freeze stops frames but keeps the session; unfreeze resumes', async () => {
    const client = watch(fx.url('cam1'));
    await client.until(() => client.firstKeyframeMs, 5_000);

    await fx.freeze('cam1');
    // Frames sent before the freeze may still be on their way: wait until none came for 250 ms (6 frame times).
    await client.until(() => (Date.now() - client.lastByteAt >= 250 ? true : undefined), 3_000);
    const frozenAt = client.bytes;
    // This window is the measurement: two whole GOPs (1 s each) must pass without a byte.
    await sleep(2_000);
    expect(client.bytes).toBe(frozenAt);
    expect(client.exitCode).toBeNull();

    const keyframes = client.keyframes;
    await fx.unfreeze('cam1');
    await client.until(() => (client.keyframes > keyframes ? true : undefined), 3_000);
    await fx.unfreeze('cam1'); // idempotent
  });

  it('close() leaves none of its processes behind', async () => {
    const own = await startRtspFixture([{ name: 'a' }, { name: 'b', codec: 'h265' }]);
    const pids = [own.pid, ...childPids(own.pid)];
    expect(pids).toHaveLength(3); // server + one feeder per camera
    const client = watch(own.url('a'));
    await client.until(() => client.firstKeyframeMs, 5_000);

    await own.close();
    expect(pids.filter(isAlive)).toEqual([]);
    await within(client.exited, 3_000, 'client to notice the server is gone');
    await expect(own.stop('a')).rejects.toThrow(/closed/);
  });
});

/** An `ffmpeg -c:v copy -f flv` RTSP client whose output is parsed as it arrives. */
interface FlvClient {
  head: Buffer;
  bytes: number;
  /** When the last byte of output arrived (Date.now()). */
  lastByteAt: number;
  keyframes: number;
  firstKeyframeMs: number | undefined;
  stderr: string;
  exitCode: number | null;
  exited: Promise<{ code: number | null }>;
  until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T>;
  kill(): void;
}

function watch(url: string): FlvClient {
  const startedAt = Date.now();
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-rtsp_transport', 'tcp', '-probesize', '32', '-analyzeduration', '0',
      '-i', url, '-c:v', 'copy', '-an', '-f', 'flv', 'pipe:1',
    ],
    { argv0: CLIENT_ARGV0, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let pending = Buffer.alloc(0);
  let offset = 13; // FLV header (9) + PreviousTagSize0 (4)
  const client: FlvClient = {
    head: Buffer.alloc(0),
    bytes: 0,
    lastByteAt: startedAt,
    keyframes: 0,
    firstKeyframeMs: undefined,
    stderr: '',
    exitCode: null,
    exited: new Promise((resolve) => {
      child.on('close', (code) => {
        client.exitCode = code ?? -1;
        resolve({ code });
      });
    }),
    until: (probe, timeout) =>
      vi.waitFor(
        () => {
          const value = probe();
          if (value === undefined) throw new Error(`not yet; ffmpeg stderr: ${client.stderr}`);
          return value;
        },
        { timeout, interval: 20 },
      ),
    kill: () => child.kill('SIGKILL'),
  };
  child.stdout.on('data', (chunk: Buffer) => {
    client.bytes += chunk.length;
    client.lastByteAt = Date.now();
    if (client.head.length < 16) client.head = Buffer.concat([client.head, chunk]).subarray(0, 16);
    pending = Buffer.concat([pending, chunk]);
    // FLV tag: type(1) size(3) timestamp(4) stream(3) data(size) prevTagSize(4).
    while (pending.length >= offset + 11) {
      const size = pending.readUIntBE(offset + 1, 3);
      if (pending.length < offset + 11 + size + 4) break;
      const data = pending.subarray(offset + 11, offset + 11 + size);
      // Video tag, frame type 1 (key), AVC packet type 1 (NALUs, not the sequence header).
      if (pending[offset] === 9 && data[0] !== undefined && data[0] >> 4 === 1 && data[1] === 1) {
        client.keyframes += 1;
        client.firstKeyframeMs ??= Date.now() - startedAt;
      }
      offset += 11 + size + 4;
    }
    pending = pending.subarray(offset);
    offset = 0;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (client.stderr += s));
  clients.add(client);
  return client;
}

function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(cmd, args, {
      argv0: CLIENT_ARGV0,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${cmd} exited with ${code}: ${stderr}`));
    });
  });
}

/** A bare RTSP DESCRIBE, to see the server's challenge headers ffmpeg hides. */
function describeRequest(port: number, path: string): Promise<{ status: number; authenticate: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('no RTSP reply')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.destroy();
      const [statusLine = '', ...headers] = text.slice(0, end).split('\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        authenticate: headers
          .filter((h) => /^www-authenticate:/i.test(h))
          .map((h) => h.slice(h.indexOf(':') + 1).trim()),
      });
    });
    socket.write(`DESCRIBE rtsp://127.0.0.1:${port}${path} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n`);
  });
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
