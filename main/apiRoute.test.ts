/**
 * What one client of the headless API can cost: a real loopback server and real sockets, with
 * the services behind the route reduced to a dispatch the test controls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result, StreamStatus } from '../preload/api.js';
import { ANSWER_BACKLOG_LIMIT, createApiRoutes, MAX_HTTP_CALL_BYTES, MAX_IN_FLIGHT, PUSH_BACKLOG_LIMIT } from './apiRoute.js';
import { LoopbackServer } from './engine/serve/loopbackServer.js';
import type { PushListener } from './services.js';
import { OPCODE, rawUpgrade, wsFrame } from '../tests/fixtures/rawSocket.js';

type Push = PushListener;

interface Rig {
  server: LoopbackServer;
  calls: { channel: unknown; payload: unknown; callerId: string }[];
  release: () => void;
  push: Push;
  accepted: import('ws').WebSocket[];
  gone: string[];
}

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.server.close();
  rig = null;
});

/** A server with the API route; calls wait until `release()` when `hold` is set. */
async function start(hold = false): Promise<Rig> {
  const server = new LoopbackServer();
  const calls: Rig['calls'] = [];
  const waiting: (() => void)[] = [];
  let held = hold;
  const pushListeners = new Set<Push>();
  const gone: string[] = [];
  const routes = createApiRoutes(
    {
      dispatch: async (channel, payload, callerId) => {
        calls.push({ channel, payload, callerId });
        if (held) await new Promise<void>((resolve) => waiting.push(resolve));
        return { ok: true, value: { channel, size: JSON.stringify(payload ?? null).length } };
      },
      onPush: (listener) => {
        pushListeners.add(listener);
        return () => pushListeners.delete(listener);
      },
      callerGone: (callerId) => gone.push(callerId),
    },
    server,
  );
  const accepted: Rig['accepted'] = [];
  server.addUpgradeRoute({ match: routes.route.match, accept: (ws, params, request) => (accepted.push(ws), routes.route.accept(ws, params, request)) });
  server.addHttpHandler(routes.http);
  await server.listen();
  rig = {
    server,
    calls,
    accepted,
    gone,
    release: () => {
      held = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
    push: ((event: Parameters<Push>[0], payload: Parameters<Push>[1]) => {
      for (const listener of pushListeners) listener(event, payload);
    }) as Push,
  };
  return rig;
}

interface Client {
  socket: WebSocket;
  frames: { id?: number; result?: Result<unknown>; event?: string; payload?: unknown; caller?: string }[];
  caller: Promise<string>;
}

async function connect(server: LoopbackServer): Promise<Client> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: server.origin });
  const frames: Client['frames'] = [];
  let gotCaller: (key: string) => void = () => {};
  const caller = new Promise<string>((resolve) => (gotCaller = resolve));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Client['frames'][number];
    frames.push(frame);
    if (frame.caller) gotCaller(frame.caller);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, frames, caller };
}

const answers = (client: Client) => client.frames.filter((f) => f.id !== undefined);

function post(server: LoopbackServer, body: string, headers: Record<string, string>, token = server.token) {
  return fetch(`${server.origin}/api/call?token=${token}`, { method: 'POST', headers: { origin: server.origin, 'content-type': 'application/json', ...headers }, body });
}

describe('the headless API route', () => {
  it(`answers at most ${MAX_IN_FLIGHT} calls of one socket at once and tells the next that the host is busy`, async () => {
    const { server, release, calls } = await start(true);
    const client = await connect(server);
    for (let id = 1; id <= MAX_IN_FLIGHT + 1; id++) client.socket.send(JSON.stringify({ id, channel: 'app.info' }));
    await expect.poll(() => answers(client).length).toBe(1);
    expect(answers(client)[0]).toMatchObject({ id: MAX_IN_FLIGHT + 1, result: { ok: false, code: 'unavailable' } });
    expect(calls).toHaveLength(MAX_IN_FLIGHT);
    release();
    await expect.poll(() => answers(client).length).toBe(MAX_IN_FLIGHT + 1);
    client.socket.send(JSON.stringify({ id: 99, channel: 'app.info' }));
    await expect.poll(() => answers(client).at(-1)).toMatchObject({ id: 99, result: { ok: true } });
  });

  it('holds pushes for a socket that does not read, the newest per camera, and delivers them once it reads', async () => {
    const { server, push, accepted } = await start();
    const raw = await rawUpgrade(server.port, `/api?token=${server.token}`, server.origin);
    expect(raw.status).toBe(101);
    raw.socket.pause();
    const filler = 'x'.repeat(1024);
    let maxBacklog = 0;
    for (let i = 0; i < 40_000; i++) {
      // A status padded to 1 KB, so 40 000 of them would be 40 MB if they were queued.
      push('stream.status', { cameraId: `cam${i % 3}`, profile: 'main', attempt: i, filler } as unknown as StreamStatus);
      maxBacklog = Math.max(maxBacklog, accepted[0]!.bufferedAmount);
    }
    // Bounded by the push limit plus one frame, not by 40 MB of pushes.
    expect(maxBacklog).toBeGreaterThan(PUSH_BACKLOG_LIMIT / 2);
    expect(maxBacklog).toBeLessThan(PUSH_BACKLOG_LIMIT + 4 * 1024);
    expect(accepted[0]!.readyState).toBe(accepted[0]!.OPEN);
    raw.socket.resume();
    // The last push of each camera: 39999 % 3 = 0, so cam0's is 39999, cam1's 39997, cam2's 39998.
    const newest = [['cam0', 39_999], ['cam1', 39_997], ['cam2', 39_998]].map(([camera, attempt]) => `"cameraId":"${camera}","profile":"main","attempt":${attempt},`);
    await expect.poll(() => newest.every((text) => raw.received().toString('latin1').includes(text)), { timeout: 10_000 }).toBe(true);
  });

  it(`closes a socket whose unread answers pass ${ANSWER_BACKLOG_LIMIT / 1024 / 1024} MB`, async () => {
    const { server, accepted } = await start();
    const raw = await rawUpgrade(server.port, `/api?token=${server.token}`, server.origin);
    raw.socket.pause();
    const ws = accepted[0]!;
    // Answers are never dropped (the page waits for each); past the limit the socket goes instead.
    const big = 'y'.repeat(512 * 1024);
    for (let i = 0; i < 80 && ws.readyState === ws.OPEN; i++) ws.send(big);
    expect(ws.bufferedAmount).toBeGreaterThan(ANSWER_BACKLOG_LIMIT);
    // The client still writes a call but reads nothing: its answer ends the socket instead of queueing.
    raw.socket.write(wsFrame(OPCODE.text, JSON.stringify({ id: 1, channel: 'app.info' })));
    await expect.poll(() => ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING).toBe(true);
  });

  it("takes a call too large for a frame over HTTP, as the socket's own caller, and only with its key", async () => {
    const { server, calls } = await start();
    const client = await connect(server);
    const key = await client.caller;
    const payload = { fileName: 'cams.xlsx', base64: 'A'.repeat(2 * 1024 * 1024), townshipId: 't1' };
    const response = await post(server, JSON.stringify({ id: 7, channel: 'import.preview', payload }), { 'x-wall-caller': key });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 7, result: { ok: true, value: { channel: 'import.preview' } } });
    client.socket.send(JSON.stringify({ id: 8, channel: 'app.info' }));
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[0]!.callerId).toBe(calls[1]!.callerId);

    expect((await post(server, '{"id":1,"channel":"app.info"}', { 'x-wall-caller': 'forged' })).status).toBe(403);
    expect((await post(server, '{"id":1,"channel":"app.info"}', { 'x-wall-caller': key }, 'wrong-token')).status).toBe(401);
    expect((await post(server, 'not json', { 'x-wall-caller': key })).status).toBe(400);
    expect((await post(server, 'z'.repeat(MAX_HTTP_CALL_BYTES + 1), { 'x-wall-caller': key })).status).toBe(413);
    const foreign = await fetch(`${server.origin}/api/call?token=${server.token}`, { method: 'POST', headers: { origin: 'http://evil.example', 'x-wall-caller': key }, body: '{}' });
    expect(foreign.status).toBe(403);

    client.socket.close();
    await expect.poll(() => rig!.gone.length).toBe(1);
    expect((await post(server, '{"id":1,"channel":"app.info"}', { 'x-wall-caller': key })).status).toBe(403);
  });

  it('closes a socket that sends a binary frame or a frame that is not a call', async () => {
    const { server } = await start();
    for (const bad of [Buffer.from([1, 2, 3]), 'null', '[]', '{"id":"x","channel":"app.info"}']) {
      const client = await connect(server);
      const closed = new Promise<number>((resolve) => client.socket.once('close', resolve));
      client.socket.send(bad);
      expect(await closed).toBe(1003);
    }
  });
});
