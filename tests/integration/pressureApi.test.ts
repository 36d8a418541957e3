/**
 * What the wall's decode budget asks of main, through the API: keyframe-only streams and the
 * switch back, a still picture, and the main side's own load.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../preload/api.js';
import { silentLogger } from '../../main/engine/logger.js';
import { startHeadless, type Headless } from '../../main/headless.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';

let fixture: RtspFixture;
let wall: Headless;
let cameraId: string;

const call = async <T>(channel: string, payload: unknown, caller = 'tile-owner'): Promise<T> => {
  const result = (await wall.dispatch(channel, payload, caller)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value;
};

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'budget' }]);
  wall = await startHeadless({ dataDir: mkdtempSync(join(tmpdir(), 'vw-pressure-')), demo: false, log: silentLogger });
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
  await new Promise((r) => setTimeout(r, 2000));
  expect(frames.length - before).toBeGreaterThan(15);
  expect(frames.slice(before).some((key) => !key)).toBe(true);
  socket.close();
});

it('gives a still picture as JPEG, and reports the main side’s load', async () => {
  const still = await call<{ jpegBase64: string }>('stream.still', { cameraId, profile: 'sub' });
  const bytes = Buffer.from(still.jpegBase64, 'base64');
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const load = await call<{ mainCpu: number; ffmpegCpu: number; cores: number }>('health.load', undefined);
  expect(load.cores).toBeGreaterThan(0);
  expect(load.mainCpu).toBeGreaterThanOrEqual(0);
  expect(load.ffmpegCpu).toBeGreaterThanOrEqual(0);
});
