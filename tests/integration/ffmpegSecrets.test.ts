/**
 * What the real ffmpeg may reach and what it shows to other users of the PC: a camera's password
 * is not on its command line (every local user reads that through `ps`), and an address that is
 * not a camera's (`file:`, `http:`) is refused by ffmpeg itself, should one ever get past the checks.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childRegistry } from '../../main/engine/producer/childRegistry.js';
import { FfmpegProducer } from '../../main/engine/producer/ffmpegProducer.js';
import { probeCamera } from '../../main/engine/source/probe.js';
import { silentLogger } from '../../main/lib/logger.js';
import type { SessionSource } from '../../main/engine/source/sessionSource.js';
import { ensureLoop } from '../fixtures/media.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { FFMPEG } from './engineHarness.js';

const AUTH = { user: 'admin', password: 'Ps:Visible@1', method: 'digest' } as const;
let fx: RtspFixture;
let loop: string;
let http: Server;
const httpRequests: string[] = [];

beforeAll(async () => {
  fx = await startRtspFixture([{ name: 'locked', auth: AUTH }]);
  loop = await ensureLoop('h264', 'smuggled');
  http = createServer((request, response) => {
    httpRequests.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'video/mp2t' });
    response.end(readFileSync(loop));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  http?.close();
  await fx?.close();
});

/** The real ffmpeg's argument vector as the kernel shows it to any user (`ps`, /proc). */
const commandLineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');

describe("ffmpeg's command line", () => {
  it('does not carry the camera password, and the camera still plays', async () => {
    const source: SessionSource = { kind: 'rtsp', url: fx.url('locked'), credentials: { username: AUTH.user, password: AUTH.password } };
    const producer = new FfmpegProducer({ ffmpegPath: FFMPEG, source, log: silentLogger, logFields: {} });
    const firstData = new Promise<void>((resolve) => producer.on('data', () => resolve()));
    producer.start('flv-copy');
    try {
      // Read once the camera plays: right after spawn the child may not have exec'd ffmpeg yet
      // (its command line is then empty), and a playing camera proves the password reached ffmpeg.
      await firstData;
      const pid = producer.pid!;
      const seen = commandLineOf(pid);
      console.log(`ffmpeg ${pid} command line: ${seen}`);
      expect(seen).toContain('ffmpeg');
      for (const form of [AUTH.password, encodeURIComponent(AUTH.password)]) expect(seen).not.toContain(form);
    } finally {
      producer.stop();
    }
  });
});

describe('what ffmpeg may open', () => {
  const probe = (url: string) => probeCamera({ ffmpegPath: FFMPEG, source: { kind: 'rtsp', url, credentials: {} }, timeoutMs: 8000 });

  it('refuses a local file given as a camera address, and never opens it', async () => {
    // A FIFO tells whether anyone opened it: opening its write end without blocking succeeds only
    // while a reader holds it open.
    const fifo = join(mkdtempSync(join(tmpdir(), 'vw-fifo-')), 'camera.ts');
    execFileSync('mkfifo', [fifo]);
    let opened = false;
    const watch = setInterval(() => {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
        opened = true;
      } catch {
        // ENXIO: no reader yet
      }
    }, 20);
    const report = await probe(`file://${fifo}`).finally(() => clearInterval(watch));
    expect(report.outcome).not.toBe('ok');
    expect(opened).toBe(false);
  });

  it('refuses an http address, and never asks the server', async () => {
    const { port } = http.address() as AddressInfo;
    const report = await probe(`http://127.0.0.1:${port}/admin/video.ts`);
    expect(report.outcome).not.toBe('ok');
    expect(httpRequests).toEqual([]);
    expect(childRegistry.size).toBe(0);
  });
});
