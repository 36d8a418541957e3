/**
 * No orphaned ffmpeg, even when the console itself is killed with SIGKILL and cannot clean up:
 * the built headless console (what `npm start` runs) as a child process, a real camera, kill -9.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { cameraFfmpegsOn } from '../fixtures/processes.js';
import { startConsole } from '../e2e/harness.js';

let fixture: RtspFixture;
beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'orphan' }]);
});
afterAll(() => fixture?.close());

it('leaves no ffmpeg running a few seconds after the console is killed with SIGKILL', async () => {
  const wall = await startConsole(['--no-demo']);
  const added = await wall.call('cameras.add', { name: '孤儿测试', mainUrl: fixture.url('orphan') });
  if (!added.ok) throw new Error(added.message);
  const opened = await wall.call('stream.open', { cameraId: added.value.id, profile: 'main' });
  if (!opened.ok) throw new Error(opened.message);
  const socket = new WebSocket(opened.value.url, { origin: wall.origin });
  socket.on('error', () => {}); // the console is about to die under it
  const ours = () => cameraFfmpegsOn(fixture.port);
  await expect.poll(ours, { timeout: 10_000 }).toBe(1);
  const lastFrameAt = async () => {
    const statuses = await wall.call('stream.statuses');
    if (!statuses.ok) throw new Error(statuses.message);
    return statuses.value.find((s) => s.cameraId === added.value.id)?.lastFrameAt ?? null;
  };
  await expect.poll(lastFrameAt, { timeout: 10_000 }).not.toBeNull();
  // A frozen camera: ffmpeg writes nothing, so it cannot learn from a broken pipe that we died.
  await fixture.freeze('orphan');
  // Frames sent before the freeze still come through: wait until the console has seen none for 300 ms.
  await expect.poll(async () => Date.now() - ((await lastFrameAt()) ?? Date.now()), { timeout: 3000 }).toBeGreaterThanOrEqual(300);

  wall.process.kill('SIGKILL');
  await expect.poll(ours, { timeout: 5000 }).toBe(0);
  socket.terminate();
});
