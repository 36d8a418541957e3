/**
 * Access enforced in main, called directly (not through the UI), over both transports: the
 * headless WebSocket API and the Electron IPC binding (driven with a stand-in ipcMain, the one
 * boundary that cannot run here). Real store file, real audit log, real RTSP camera.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Request, Result } from '../../preload/api.js';
import { namedLayout } from '../../preload/layouts.js';
import { silentLogger } from '../../main/engine/logger.js';
import { startHeadless, type Headless } from '../../main/headless.js';
import { defaultBudget, defaultUnattended, freshConsole, SCHEMA_VERSION, type StoredData } from '../../main/domain/model.js';
import { bindIpc, type InvokeEvent } from '../../main/ipc/electronBridge.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';

const HOUR = 3_600_000;
let fixture: RtspFixture;
let wall: Headless;
let dataDir: string;

function township(url: (name: string) => string): StoredData {
  const cam = (id: string, siteId: string, extra: Partial<StoredData['cameras'][number]> = {}) => ({
    id, name: id, siteId, kind: 'rtsp' as const, mainUrl: url(id), subUrl: null, username: null, passwordSealed: null,
    ownerKind: 'public' as const, tags: [], location: null, ...extra,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [
      { id: 'county', name: '县局', level: 'bureau', parentId: null, defaultPresetId: null },
      { id: 'town', name: '青山镇', level: 'township', parentId: 'county', defaultPresetId: null },
      { id: 'east', name: '东村', level: 'village', parentId: 'town', defaultPresetId: null },
      { id: 'town2', name: '绿水镇', level: 'township', parentId: 'county', defaultPresetId: null },
    ],
    cameras: [
      cam('square', 'east'),
      cam('home', 'east', { ownerKind: 'household', owner: { name: '张大爷', contact: '138' }, consent: { levels: ['township'], until: Date.now() + HOUR, revoked: false } }),
      cam('expired', 'east', { ownerKind: 'household', consent: { levels: ['township'], until: Date.now() - 1000, revoked: false } }),
      cam('faraway', 'town2'),
    ],
    wall: { layout: namedLayout('4')!, tiles: ['square', 'home', null, null] },
    presets: [],
    settings: { ffmpegPath: null, evidenceDir: null },
    console: freshConsole('town'),
    unattended: defaultUnattended(),
    budget: defaultBudget(),
  };
}

/** The headless transport: a browser connection's WebSocket. */
async function wsClient(): Promise<{ call<C extends Channel>(c: C, p?: Request<C>): Promise<Result<unknown>>; close(): void }> {
  const socket = new WebSocket(`ws://127.0.0.1:${wall.server.port}/api?token=${wall.server.token}`, { origin: wall.server.origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: Result<unknown> };
    if (frame.id !== undefined) waiting.get(frame.id)?.(frame.result!);
  });
  return {
    call: (channel, payload) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      }),
    close: () => socket.close(),
  };
}

/** The Electron transport: the real IPC binding on a stand-in ipcMain, as window 7. */
function ipcClient(windowId = 7) {
  const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => unknown>();
  bindIpc({ handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }, wall.dispatch, () => true);
  return {
    call: <C extends Channel>(channel: C, payload?: Request<C>) => Promise.resolve(handlers.get(channel)!({ sender: { id: windowId } }, payload)) as Promise<Result<unknown>>,
  };
}

/** Opens a camera's stream as a tile does, and returns its socket once pictures arrive. */
async function watch(client: Awaited<ReturnType<typeof wsClient>>, cameraId: string): Promise<WebSocket> {
  const opened = await client.call('stream.open', { cameraId, profile: 'main' });
  if (!opened.ok) throw new Error(opened.message);
  const socket = new WebSocket((opened.value as { url: string }).url, { origin: wall.server.origin });
  let bytes = 0;
  socket.on('message', (d: Buffer) => (bytes += d.length));
  await expect.poll(() => bytes, { timeout: 10_000 }).toBeGreaterThan(1000);
  return socket;
}

/** The console's admin: it sets the PIN (and so stays admin) and reads the audit. */
let admin: Awaited<ReturnType<typeof wsClient>>;
const auditActions = async () => {
  const result = await admin.call('audit.query', {});
  if (!result.ok) throw new Error(result.message);
  return result.value as { action: string; cameraId: string | null }[];
};

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'square' }, { name: 'home' }, { name: 'expired' }, { name: 'faraway' }]);
  dataDir = mkdtempSync(join(tmpdir(), 'vw-access-'));
  wall = await startHeadless({ dataDir, seed: () => township((n) => fixture.url(n)), log: silentLogger, graceMs: 200, maxClipSeconds: 1 });
  admin = await wsClient();
});
afterAll(async () => {
  admin?.close();
  await wall?.close();
  await fixture?.close();
});

describe.each([
  ['headless WebSocket', wsClient],
  ['Electron IPC', async () => ipcClient()],
])('through the %s transport', (_name, connect) => {
  it('lists only this township’s cameras; a household camera without valid consent only to admins, marked withheld', async () => {
    const client = await connect();
    const listed = await client.call('cameras.list');
    // In set-up (no PIN yet) the caller is admin: it sees the lapsed camera, marked, to renew it.
    const cameras = listed.ok ? (listed.value as { id: string; withheld?: string | null }[]) : [];
    expect(cameras.map((c) => [c.id, c.withheld ?? null]).sort()).toEqual([
      ['expired', 'consent_expired'],
      ['home', null],
      ['square', null],
    ]);
    const sites = await client.call('sites.list');
    expect(sites.ok && (sites.value as { id: string }[]).map((s) => s.id).sort()).toEqual(['east', 'town']);
  });

  it('refuses to open a camera outside the console’s scope, and audits the attempt', async () => {
    const client = await connect();
    expect(await client.call('stream.open', { cameraId: 'faraway', profile: 'main' })).toMatchObject({ ok: false, code: 'forbidden', message: 'access:out_of_scope' });
    expect((await auditActions()).find((r) => r.action === 'refused' && r.cameraId === 'faraway')).toBeTruthy();
  });

  it('refuses a household camera whose consent has expired', async () => {
    const client = await connect();
    expect(await client.call('stream.open', { cameraId: 'expired', profile: 'main' })).toMatchObject({ ok: false, message: 'access:consent_expired' });
  });
});

describe('streams and consent', () => {
  it('refuses a stream socket that does not carry a ticket from stream.open', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${wall.server.port}/stream/square/main?token=${wall.server.token}`, { origin: wall.server.origin });
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(4403);
  });

  it('closes an open stream as soon as the owner’s consent is revoked, and says why afterwards', async () => {
    const client = await wsClient();
    const socket = await watch(client, 'home');
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    const revoked = await client.call('cameras.setConsent', { cameraId: 'home', ownerKind: 'household', owner: { name: '张大爷', contact: '138' }, consent: { levels: ['township'], until: null, revoked: true } });
    expect(revoked.ok).toBe(true);
    expect(await closed).toBe(4000);
    expect(await client.call('stream.open', { cameraId: 'home', profile: 'main' })).toMatchObject({ ok: false, message: 'access:consent_revoked' });
    const actions = await auditActions();
    expect(actions.some((r) => r.action === 'view_start' && r.cameraId === 'home')).toBe(true);
    expect(actions.some((r) => r.action === 'view_stop' && r.cameraId === 'home')).toBe(true);
    client.close();
  });
});

describe('clips', () => {
  it('audits a clip that ended by itself though nobody pressed stop, once, and still answers the stop', async () => {
    const client = await wsClient();
    const socket = await watch(client, 'square'); // clips are taken from a tile that shows the camera
    const started = await client.call('evidence.clipStart', { cameraId: 'square' });
    if (!started.ok) throw new Error(started.message);
    const clips = async () => (await auditActions()).filter((r) => r.action === 'clip' && r.cameraId === 'square').length;
    await expect.poll(clips, { timeout: 10_000 }).toBe(1);
    const { clipId } = started.value as { clipId: string };
    expect(await client.call('evidence.clipStop', { clipId })).toMatchObject({ ok: true, value: { kind: 'clip', cameraId: 'square' } });
    expect(await clips()).toBe(1);
    socket.close();
    client.close();
  });
});

describe('the admin PIN', () => {
  it('makes the console an operator console once set; admin calls then need the PIN, which locks out after 5 failures', async () => {
    expect(await admin.call('access.setPin', { pin: '2580' })).toMatchObject({ ok: true, value: { role: 'admin', setup: false } });
    const operator = ipcClient(9);
    // An operator is never told of cameras it may not watch.
    const listed = await operator.call('cameras.list');
    expect(listed.ok && (listed.value as { id: string }[]).map((c) => c.id).sort()).toEqual(['square']);
    expect(await operator.call('cameras.remove', { id: 'square' })).toMatchObject({ ok: false, code: 'forbidden', message: 'access:admin_only' });
    expect(await operator.call('audit.query', {})).toMatchObject({ ok: false, message: 'access:admin_only' });
    for (let i = 0; i < 5; i++) expect(await operator.call('access.unlock', { pin: '0000' })).toMatchObject({ ok: false, message: 'pin:wrong' });
    expect(await operator.call('access.unlock', { pin: '2580' })).toMatchObject({ ok: false, message: 'pin:locked' });
    const state = await operator.call('access.state');
    expect(state).toMatchObject({ ok: true, value: { role: 'operator', lockedUntil: expect.any(Number) } });
    expect((await auditActions()).filter((r) => r.action === 'pin_failed').length).toBeGreaterThanOrEqual(5);
  });
});

describe('the audit chain', () => {
  it('verifies, and finds a modified line', async () => {
    expect(await admin.call('audit.verify')).toMatchObject({ ok: true, value: { ok: true } });
    const dir = join(dataDir, 'audit');
    const file = join(dir, readdirSync(dir).sort()[0]!);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('"role":"', '"role":"x');
    writeFileSync(file, lines.join('\n'));
    expect(await admin.call('audit.verify')).toMatchObject({ ok: true, value: { ok: false, line: 1, problem: 'hash' } });
  });
});
