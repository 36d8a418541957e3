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
import { silentLogger } from '../../main/lib/logger.js';
import { startHeadless, type Headless } from '../../main/headless.js';
import { defaultBudget, defaultUnattended, freshConsole, SCHEMA_VERSION, type StoredData } from '../../main/domain/model.js';
import { RENDERER_ORIGIN, senderAllowed, type SenderFrame } from '../../main/app/policy.js';
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
    presets: [
      { id: 'day', name: '青山白班', siteId: 'town', wall: { layout: namedLayout('4')!, tiles: ['square', null, null, null] }, tour: null },
      { id: 'day2', name: '绿水白班', siteId: 'town2', wall: { layout: namedLayout('4')!, tiles: ['faraway', null, null, null] }, tour: null },
    ],
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

type FrameEvent = InvokeEvent & { senderFrame: SenderFrame | null };
/** The wall's own page, in the window's top frame: the one sender the app lets call. */
const WALL_FRAME: SenderFrame = { url: `${RENDERER_ORIGIN}/index.html`, parent: null };

/**
 * The Electron transport: the real IPC binding with the app's real sender check, on a stand-in
 * ipcMain, as window 7; `frame` is the frame the calls come from.
 */
function ipcClient(windowId = 7, frame: SenderFrame | null = WALL_FRAME) {
  const handlers = new Map<string, (event: FrameEvent, payload: unknown) => unknown>();
  bindIpc<FrameEvent>({ handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }, wall.dispatch, senderAllowed);
  return {
    call: <C extends Channel>(channel: C, payload?: Request<C>) => Promise.resolve(handlers.get(channel)!({ sender: { id: windowId }, senderFrame: frame }, payload)) as Promise<Result<unknown>>,
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
  return result.value as { action: string; cameraId: string | null; siteId: string | null; detail: string | null }[];
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

describe('the Electron IPC sender check', () => {
  it.each([
    ['a sub-frame of the wall’s own page', { url: `${RENDERER_ORIGIN}/index.html`, parent: {} }],
    ['another page in the window', { url: 'https://example.com/', parent: null }],
    ['a frame that is gone', null],
  ])('refuses every call from %s before it reaches a handler, where the wall’s own frame is answered', async (_name, frame) => {
    const wallPage = ipcClient(7);
    const intruder = ipcClient(7, frame);
    expect(await wallPage.call('cameras.list')).toMatchObject({ ok: true });
    const auditedBefore = await auditActions();
    expect(await intruder.call('cameras.list')).toEqual({ ok: false, code: 'forbidden', message: 'sender not allowed' });
    // An admin call in set-up would succeed for the wall's page: refused here, it changes nothing.
    expect(await intruder.call('access.setPin', { pin: '1111' })).toEqual({ ok: false, code: 'forbidden', message: 'sender not allowed' });
    expect(await auditActions()).toEqual(auditedBefore);
    expect(await wallPage.call('access.state')).toMatchObject({ ok: true, value: { setup: true } });
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

describe('scope everywhere', () => {
  it('shows an operator only the presets of its own township', async () => {
    const operator = ipcClient(11);
    const listed = await operator.call('presets.list');
    expect(listed.ok && (listed.value as { id: string }[]).map((p) => p.id)).toEqual(['day']);
  });

  it('refuses a preset for another township, or naming its cameras, even to an admin', async () => {
    const wall = (tiles: (string | null)[]) => ({ layout: namedLayout('4')!, tiles });
    expect(await admin.call('presets.save', { name: '越界', siteId: 'town2', wall: wall([null, null, null, null]) })).toMatchObject({ ok: false, message: 'siteId:out_of_scope' });
    expect(await admin.call('presets.save', { name: '越界', siteId: 'town', wall: wall(['faraway', null, null, null]) })).toMatchObject({ ok: false, code: 'forbidden', message: 'access:out_of_scope' });
    const listed = await admin.call('presets.list');
    expect(listed.ok && (listed.value as { id: string }[]).map((p) => p.id)).toEqual(['day']);
  });

  it('refuses to put a camera outside the console’s scope on the wall, audits it, and keeps the wall', async () => {
    const operator = ipcClient(11);
    const before = await operator.call('wall.get');
    const refused = await operator.call('wall.set', { layout: namedLayout('4')!, tiles: ['square', 'faraway', null, null] });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', message: 'access:out_of_scope' });
    expect(await operator.call('wall.get')).toEqual(before);
    expect((await auditActions()).some((r) => r.action === 'refused' && r.cameraId === 'faraway' && /wall/.test(r.detail ?? ''))).toBe(true);
    expect(await operator.call('wall.set', { layout: namedLayout('4')!, tiles: [null, 'square', null, null] })).toMatchObject({ ok: true });
  });

  it('audits every configuration change: cameras added, edited and removed, sites saved and removed, relay, scope and PIN', async () => {
    const ok = async <T,>(result: Promise<Result<unknown>>) => {
      const settled = await result;
      if (!settled.ok) throw new Error(settled.message);
      return settled.value as T;
    };
    const village = await ok<{ id: string }>(admin.call('sites.save', { name: '西村', level: 'village', parentId: 'town' }));
    await ok(admin.call('sites.save', { id: village.id, name: '西村新', level: 'village', parentId: 'town' }));
    const camera = await ok<{ id: string }>(admin.call('cameras.add', { name: '西村口', siteId: village.id, mainUrl: 'rtsp://192.0.2.50/ch1', password: 'Secret#1' }));
    await ok(admin.call('cameras.update', { id: camera.id, name: '西村路口', siteId: village.id, mainUrl: 'rtsp://192.0.2.50/ch1' }));
    await ok(admin.call('cameras.remove', { id: camera.id }));
    await ok(admin.call('sites.remove', { id: village.id }));
    const csv = Buffer.from('名称,所属村,主码流地址,密码\n北村口,北村,rtsp://192.0.2.50/ch1,Secret#1\n').toString('base64');
    const preview = await ok<{ previewId: string }>(admin.call('import.preview', { fileName: '北村.csv', base64: csv, townshipId: 'town' }));
    await ok(admin.call('import.commit', { previewId: preview.previewId, lines: [2] }));
    await ok(admin.call('sites.setRelay', { siteId: 'town', relay: null }));
    await ok(admin.call('access.setScope', { siteId: 'town' }));
    await ok(admin.call('access.setPin', { pin: '2580' }));

    const changes = async (filter: { siteId?: string; cameraId?: string }) =>
      (await ok<{ detail: string; cameraId: string | null }[]>(admin.call('audit.query', { action: 'config_change', ...filter }))).map((r) => r.detail).reverse();
    expect(await changes({ siteId: village.id })).toEqual(['site added: 西村 (village, under town)', 'site changed: 西村新; name', expect.stringMatching(/^site removed: 西村新/)]);
    expect(await changes({ cameraId: camera.id })).toEqual(['camera added: 西村口 (rtsp) in 西村新', 'camera changed: 西村路口; name', 'camera removed: 西村路口']);
    const town = await changes({ siteId: 'town' });
    expect(town).toEqual(expect.arrayContaining(['cameras imported from 北村.csv: 1 cameras, 1 new villages', 'relay removed', 'scope set to 青山镇']));
    const all = await changes({});
    expect(all).toContain('admin PIN set');
    // Secrets and addresses are settings, not history: the audit names what changed, never a password.
    expect(JSON.stringify(all)).not.toMatch(/Secret#1|192\.0\.2\.50/);
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
