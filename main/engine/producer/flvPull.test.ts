/**
 * The pull against small local HTTP/WebSocket servers on 127.0.0.1 that answer the way relays do
 * when something is wrong (a refused token, an HTML login page, H.265) — the cases the real media
 * server of the integration suite cannot be made to produce.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlvPullProducer } from './flvPullProducer.js';
import { pullFailure } from './flvPull.js';
import { silentLogger } from '../../lib/logger.js';
import { flvStream, type FlvVideo } from '../container/flvTestData.js';
import type { ProducerExit } from './producer.js';

describe('pullFailure', () => {
  it.each([
    [{ status: 401 }, 'unauthorized'],
    [{ status: 403 }, 'unauthorized'],
    [{ status: 404 }, 'not_found'],
    [{ status: 400 }, 'not_found'],
    [{ status: 502 }, null],
    [{ errorCode: 'ECONNREFUSED' }, 'unreachable'],
    [{ errorCode: 'ETIMEDOUT' }, 'unreachable'],
    [{ errorCode: 'ENOTFOUND' }, 'unreachable'],
    [{ errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'unreachable'],
    [{ errorCode: 'ERR_INVALID_URL' }, 'bad_url'],
    [{ errorCode: undefined }, null],
  ] as const)('names %j as %s', (cause, expected) => {
    expect(pullFailure(cause)).toBe(expected);
  });
});

let server: http.Server;
let base: string;
const authSeen: (string | undefined)[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    authSeen.push(request.headers.authorization);
    const path = request.url ?? '/';
    if (path.startsWith('/refused')) return response.writeHead(401).end();
    if (path.startsWith('/forbidden')) return response.writeHead(403).end();
    if (path.startsWith('/moved')) return response.writeHead(302, { location: '/live/h264.flv' }).end('moved to the origin');
    if (path.startsWith('/html')) return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>portal</html>');
    const video = /\/live\/(h264|hevc|enhanced-hevc)\.flv/.exec(path)?.[1] as FlvVideo | undefined;
    if (!video) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'video/x-flv' });
    response.write(flvStream(video, 3)); // then stays open, like a live stream
  });
  // A WebSocket upgrade with a wrong token is refused before the handshake, as ZLMediaKit does.
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** One run of the pull producer: the bytes it delivered and how it ended. */
async function run(url: string, username?: string): Promise<{ data: Buffer; exit: ProducerExit; producer: FlvPullProducer }> {
  const source = { kind: 'flv-pull' as const, url, credentials: username ? { username, password: 'pw' } : {} };
  const producer = new FlvPullProducer({ source, log: silentLogger, logFields: {} });
  const chunks: Buffer[] = [];
  producer.on('data', (chunk) => chunks.push(chunk));
  const exit = new Promise<ProducerExit>((resolve) => producer.on('exit', resolve));
  producer.start('flv-copy');
  const stopper = setTimeout(() => producer.stop('test over'), 500);
  const result = await exit;
  clearTimeout(stopper);
  return { data: Buffer.concat(chunks), exit: result, producer };
}

describe('FlvPullProducer', () => {
  it('delivers an H.264 stream with its header marked video-only, and knows its size', async () => {
    const { data, exit, producer } = await run(`http://${base}/live/h264.flv`);
    expect(data.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(data[4]).toBe(0x01);
    expect(producer.videoInfo()).toMatchObject({ codec: 'h264', width: 1280, height: 720, fps: 25 });
    expect(exit).toEqual({ failure: null, detail: expect.stringContaining('(test over)') });
    expect(producer.running).toBe(false);
  });

  it('follows a redirect to the server that holds the stream, as an SRS edge sends', async () => {
    const { data, exit } = await run(`http://${base}/moved/cam.flv`);
    expect(data.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(exit.failure).toBeNull();
  });

  it.each(['hevc', 'enhanced-hevc'])('refuses %s with unsupported_codec and delivers nothing', async (video) => {
    const { data, exit } = await run(`http://${base}/live/${video}.flv`);
    expect(data.length).toBe(0);
    expect(exit.failure).toBe('unsupported_codec');
    expect(exit.detail).toContain('relay-rtsp');
  });

  it.each([
    ['/refused/live/h264.flv', 'unauthorized', 'HTTP 401'],
    ['/forbidden/live/h264.flv', 'unauthorized', 'HTTP 403'],
    ['/live/nobody.flv', 'not_found', 'HTTP 404'],
    ['/html/live/h264.flv', 'unsupported_codec', 'did not answer with FLV'],
  ])('names the failure for %s', async (path, failure, says) => {
    const { exit } = await run(`http://${base}${path}`);
    expect(exit.failure).toBe(failure);
    expect(exit.detail).toContain(says);
  });

  it('says unauthorized when a WebSocket relay refuses the upgrade', async () => {
    const { exit } = await run(`ws://${base}/live/h264.flv?token=bad`);
    expect(exit).toMatchObject({ failure: 'unauthorized', detail: expect.stringContaining('401') });
  });

  it('sends a relay login as HTTP Basic, never in the URL', async () => {
    authSeen.length = 0;
    await run(`http://${base}/live/h264.flv`, 'viewer');
    expect(authSeen).toEqual([`Basic ${Buffer.from('viewer:pw').toString('base64')}`]);
  });

  it('calls a URL it cannot open bad_url', async () => {
    expect((await run('ftp://relay/live/cam.flv')).exit.failure).toBe('bad_url');
  });
});
