/**
 * The recorder API opened to the LAN by an admin: off by default; once on, a second listener on
 * the chosen address serves /list and /get with its own token and nothing else of the console;
 * no token, a wrong one or the launch token is refused; every request is audited with the address
 * it came from; an address that keeps guessing is turned away; a rotated token replaces the old;
 * turned off, the port is closed. Real segments (real ffmpeg), real sockets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { freePort } from '../fixtures/mediaServer.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let services: Services;
const api = apiCalls(() => services);
const T0 = Math.floor((Date.now() - 3600_000) / 1000) * 1000;

/** A GET from a chosen local address (127.0.0.2 is loopback too on Linux): the status, or the socket's error code. */
function getFrom(localAddress: string, url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { localAddress, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end();
  });
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-recorder-lan-'));
  const folder = join(dataDir, 'footage');
  await writeRecordedSegments(folder, 'square', 'main', [{ startedAt: T0, seconds: 10 }, { startedAt: T0 + 10_000, seconds: 10 }]);
  services = await startServices({
    mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger,
    seed: () => townshipSeed([villageCamera('square', 'rtsp://127.0.0.1:9/square')], { settings: { folder, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }),
  });
}, 60_000);
afterAll(async () => {
  await services?.close();
});

describe('the recorder API on the LAN', () => {
  let port: number;
  let token: string;
  const lan = (path: string) => `http://127.0.0.1:${port}${path}`;

  it('is off until an admin opens it', async () => {
    const view = await api.call('recorderLan.get');
    expect(view).toMatchObject({ enabled: false, listening: null, tokenSet: false, newToken: null });
  });

  it('refuses a host name or an address that is not one: the admin types an address', async () => {
    expect((await api.refusal('recorderLan.set', { enabled: true, host: 'localhost', port: 9996 }))?.code).toBe('bad_request');
    expect((await api.refusal('recorderLan.set', { enabled: true, host: '', port: 9996 }))?.code).toBe('bad_request');
  });

  it('serves /list and /get with its own token, shown once, and audits each request with its address', async () => {
    port = await freePort();
    const view = await api.call('recorderLan.set', { enabled: true, host: '127.0.0.1', port });
    expect(view.listening).toEqual({ host: '127.0.0.1', port });
    expect(view.newToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    token = view.newToken!;
    expect((await api.call('recorderLan.get')).newToken).toBeNull(); // shown once
    const spans = await (await fetch(lan(`/list?path=square/main`), { headers: { authorization: `Bearer ${token}` } })).json();
    expect(spans.map((s: { start: string; duration: number }) => [s.start, s.duration])).toEqual([[new Date(T0).toISOString(), 20]]);
    expect(spans[0].url.startsWith(`http://127.0.0.1:${port}/get?`)).toBe(true);
    const got = await fetch(lan(`/get?path=square/main&start=${encodeURIComponent(new Date(T0 + 2000).toISOString())}&duration=5&format=fmp4&token=${token}`));
    expect(got.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'vw-lan-probe-')), 'got.mp4');
    writeFileSync(file, Buffer.from(await got.arrayBuffer()));
    const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'json', file]).toString());
    expect(Number(probed.format.duration)).toBeGreaterThan(4);
    const listed = await api.call('audit.query', { action: 'recorder_list' });
    expect(listed.map((r) => r.detail)).toContain('square/main, LAN 127.0.0.1');
    const played = await api.call('audit.query', { cameraId: 'square', action: 'playback_start' });
    expect(played.at(-1)!.detail).toContain('(/get, LAN 127.0.0.1)');
  }, 60_000);

  it('refuses no token, a wrong one and the launch token, and the loopback server takes not the LAN token', async () => {
    expect((await fetch(lan('/list?path=square/main'))).status).toBe(401);
    expect((await fetch(lan(`/list?path=square/main&token=${token}x`))).status).toBe(401);
    expect((await fetch(lan(`/list?path=square/main&token=${services.server.token}`))).status).toBe(401);
    expect((await fetch(`${services.server.origin}/list?path=square/main&token=${token}`)).status).toBe(401);
    const refused = await api.call('audit.query', { action: 'refused' });
    expect(refused.some((r) => r.detail?.includes('wrong or missing token, LAN 127.0.0.1'))).toBe(true);
  });

  it('answers nothing else of the console, with or without the token', async () => {
    for (const path of ['/', '/index.html', '/api', '/api/call', '/stream/square/main', '/playback/get', '/evidence-file/x', '/list/../api']) {
      expect((await fetch(lan(`${path}?token=${token}`))).status, path).toBe(404);
      expect((await fetch(lan(`${path}?token=${services.server.token}`))).status, path).toBe(404);
    }
    const upgrade = await fetch(lan(`/api?token=${services.server.token}`), { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } }).catch(() => null);
    expect(upgrade?.status ?? 0).not.toBe(101);
  });

  it('turns away an address that keeps sending a wrong token, and only that address', async () => {
    for (let i = 0; i < 10; i++) expect(await getFrom('127.0.0.2', lan(`/list?path=square/main&token=guess${i}`))).toBe(401);
    expect(await getFrom('127.0.0.2', lan(`/list?path=square/main&token=${token}`))).toBe(429);
    expect(await getFrom('127.0.0.1', lan(`/list?path=square/main&token=${token}`))).toBe(200);
  });

  it('replaces the token when rotated: the old one stops working at once', async () => {
    const rotated = await api.call('recorderLan.rotateToken');
    expect(rotated.newToken).not.toBe(token);
    expect((await fetch(lan(`/list?path=square/main&token=${token}`))).status).toBe(401);
    expect((await fetch(lan(`/list?path=square/main&token=${rotated.newToken}`))).status).toBe(200);
    token = rotated.newToken!;
  });

  it('listens on every network only when the admin chooses 0.0.0.0, and is gone when turned off', async () => {
    const every = await api.call('recorderLan.set', { enabled: true, host: '0.0.0.0', port });
    expect(every.listening).toEqual({ host: '0.0.0.0', port });
    expect(every.newToken).toBeNull(); // the token stays: readers set up keep reading
    // (a new socket: moving the listener drops the connections of the old one)
    expect(await getFrom('127.0.0.1', lan(`/list?path=square/main&token=${token}`))).toBe(200);
    const off = await api.call('recorderLan.set', { enabled: false, host: '0.0.0.0', port });
    expect(off.listening).toBeNull();
    expect(await getFrom('127.0.0.1', lan(`/list?path=square/main&token=${token}`))).toBe('ECONNREFUSED');
    // The console's own recorder API on loopback is untouched.
    expect((await fetch(`${services.server.origin}/list?path=square/main&token=${services.server.token}`)).status).toBe(200);
  });

  it('says the address is taken rather than failing quietly', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as { port: number }).port;
    const view = await api.call('recorderLan.set', { enabled: true, host: '127.0.0.1', port: busy });
    expect(view).toMatchObject({ listening: null, problem: 'address_in_use' });
    await new Promise((resolve) => taken.close(resolve));
    await api.call('recorderLan.set', { enabled: false, host: '127.0.0.1', port: busy });
  });
});
