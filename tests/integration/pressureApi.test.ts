/**
 * What the wall's decode budget asks of main, through the API: keyframe-only streams and the
 * switch back, a still picture, the machine's load, and the console's budget settings.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../preload/api.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startHeadless, type Headless } from '../../main/headless.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';

let fixture: RtspFixture;
let wall: Headless;
let cameraId: string;
const dataDir = mkdtempSync(join(tmpdir(), 'vw-pressure-'));
/** Shorter than the console's 5 s, so waiting past it costs little; a still keeps its camera 15 s. */
const GRACE_MS = 1000;

const call = async <T>(channel: string, payload: unknown, caller = 'tile-owner'): Promise<T> => {
  const result = (await wall.dispatch(channel, payload, caller)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value;
};

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'budget' }]);
  wall = await startHeadless({ dataDir, demo: false, log: silentLogger, graceMs: GRACE_MS });
  cameraId = (await call<{ id: string }>('cameras.add', { name: '预算测试', mainUrl: fixture.url('budget') })).id;
});
afterAll(async () => {
  await wall?.close();
  await fixture?.close();
});

it('opens a keyframe-only stream, switches it to full rate for its own caller only', async () => {
  const opened = await call<{ url: string; viewerId: string }>('stream.open', { cameraId, profile: 'main', keyframesOnly: true });
  const socket = new WebSocket(opened.url, { origin: wall.server.origin });
  const frames: boolean[] = [];
  socket.on('message', (data: Buffer) => {
    if (data[0] === 9 && data[12] === 1) frames.push(data[11]! >> 4 === 1);
  });
  await expect.poll(() => frames.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  expect(frames.every(Boolean)).toBe(true); // keyframes only
  expect(await call('stream.setMode', { viewerId: opened.viewerId, mode: 'full' }, 'someone-else')).toEqual({ ok: false });
  expect(await call('stream.setMode', { viewerId: opened.viewerId, mode: 'full' })).toEqual({ ok: true });
  const before = frames.length;
  // Full rate: more than a GOP of frames between keyframes (one keyframe a second at 15 fps).
  await expect.poll(() => frames.slice(before).filter((key) => !key).length, { timeout: 5000 }).toBeGreaterThan(15);
  socket.close();
});

it('gives a still picture as JPEG, and reports the main side’s load', async () => {
  const still = await call<{ jpegBase64: string }>('stream.still', { cameraId, profile: 'sub' });
  const bytes = Buffer.from(still.jpegBase64, 'base64');
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const load = await call<{ mainCpu: number; ffmpegCpu: number; machineCpu: number | null; cores: number }>('health.load', undefined);
  expect(load.cores).toBeGreaterThan(0);
  expect(load.mainCpu).toBeGreaterThanOrEqual(0);
  expect(load.ffmpegCpu).toBeGreaterThanOrEqual(0);
  expect(load.machineCpu).toBeGreaterThanOrEqual(0);
  expect(load.machineCpu).toBeLessThanOrEqual(100);
});

it('keeps a camera warm between a tile\'s stills, past the grace period: the next still starts no ffmpeg', async () => {
  await call('stream.still', { cameraId, profile: 'main' });
  const warm = wall.engine.runningPids();
  expect(warm.length).toBeGreaterThan(0);
  // Time past the grace is the condition under test: there is no event to wait for instead.
  await new Promise((r) => setTimeout(r, GRACE_MS + 500));
  await call('stream.still', { cameraId, profile: 'main' });
  const after = wall.engine.runningPids();
  expect(after.length).toBeGreaterThan(0);
  expect(after.filter((pid) => !warm.includes(pid))).toEqual([]);
});

it('keeps the budget rule, the player choice, what tiles beyond the cap show and pins in main: admins set the rule, anyone at the desk pins, all windows hear, a restart keeps them', async () => {
  const heard: unknown[] = [];
  const off = wall.onPush((event, payload) => event === 'budget.changed' && heard.push(payload));
  expect(await call('budget.get', undefined)).toEqual({ auto: true, maxFullRate: null, player: 'auto', beyondCap: 'keyframes', pinned: [] });
  // In set-up (no PIN yet) the desk is admin.
  expect(await call('budget.setRule', { auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still' })).toEqual({ auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still', pinned: [] });
  expect(await call('budget.pin', { cameraId, pinned: true })).toEqual({ auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still', pinned: [cameraId] });
  expect(heard).toHaveLength(2);
  expect(await wall.dispatch('budget.pin', { cameraId: 'no-such-camera', pinned: true }, 'tile-owner')).toMatchObject({ ok: false, code: 'not_found' });
  expect(await wall.dispatch('budget.setRule', { auto: true, maxFullRate: 999 }, 'tile-owner')).toMatchObject({ ok: false, code: 'bad_request' });

  await call('access.setPin', { pin: '2580' });
  const operator = 'another-window';
  expect(await wall.dispatch('budget.setRule', { auto: true, maxFullRate: null }, operator)).toMatchObject({ ok: false });
  expect(await call('budget.pin', { cameraId, pinned: false }, operator)).toEqual({ auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still', pinned: [] });
  await call('budget.pin', { cameraId, pinned: true }, operator);
  off();

  await wall.close();
  wall = await startHeadless({ dataDir, demo: false, log: silentLogger });
  expect(await call('budget.get', undefined)).toEqual({ auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still', pinned: [cameraId] });
  // A removed camera's pin goes with it.
  await call('access.unlock', { pin: '2580' });
  await call('cameras.remove', { id: cameraId });
  expect(await call('budget.get', undefined)).toEqual({ auto: false, maxFullRate: 4, player: 'mpegts', beyondCap: 'still', pinned: [] });
});
