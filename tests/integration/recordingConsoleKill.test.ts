/**
 * Kill the console (SIGKILL) while it records, again and again: its ffmpeg dies with it, the next
 * start repairs what it left, every file plays, and each kill loses at most one fragment.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { repairAll } from '../../main/recording/partRepair.js';
import { readSidecar } from '../../main/recording/sidecar.js';
import { isAlive } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { FFMPEG } from './engineHarness.js';

let fixture: RtspFixture;
let consoleScript: string;

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture([{ name: 'cam' }]);
  const out = mkdtempSync(join(tmpdir(), 'vw-recording-console-'));
  const bundle = await rolldown({ input: join(import.meta.dirname, '..', 'fixtures', 'recordingConsole.ts'), platform: 'node', external: [/^node:/] });
  await bundle.write({ file: join(out, 'console.mjs'), format: 'esm' });
  consoleScript = join(out, 'console.mjs');
}, 60_000);
afterAll(() => fixture?.close());

const duration = (path: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], { encoding: 'utf8' }));
const frames = (path: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path], { encoding: 'utf8' }));

/** 20 kills in the suite; `npm run soak:recording-kill` runs the 100. */
const TRIALS = Number(process.env.RECORDING_KILL_TRIALS) || 20;

it(`keeps every file playable over ${TRIALS} kills of the console, losing at most one fragment each`, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vw-killed-'));
  const sentAtKill: number[] = [];
  for (let trial = 0; trial < TRIALS; trial += 1) {
    // Each start repairs what the last kill left, as the console does.
    const child = spawn(process.execPath, [consoleScript, FFMPEG!, fixture.url('cam'), folder], { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(import.meta.dirname, '..', '..') });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let last: { writerPid: number | null; sentMs: number | null } = { writerPid: null, sentMs: null };
    createInterface({ input: child.stdout! }).on('line', (line) => (last = JSON.parse(line)));
    const killAtMs = 1200 + (trial % 8) * 250; // a different point of a fragment each time
    await vi.waitFor(() => expect(last.sentMs ?? 0).toBeGreaterThanOrEqual(killAtMs), { timeout: 20_000, interval: 10 });
    const { writerPid, sentMs } = last;
    child.kill('SIGKILL');
    await exited;
    // The kernel kills its ffmpeg with it (setpriv --pdeathsig): nothing writes on.
    await vi.waitFor(() => expect(isAlive(writerPid!)).toBe(false), { timeout: 5000, interval: 20 });
    sentAtKill.push(sentMs!);
  }
  const repairs = await repairAll(folder); // the last kill's segment, as the next start would
  expect(repairs).toHaveLength(1);
  const dir = join(folder, 'cam', 'main');
  const files = readdirSync(dir).filter((name) => name.endsWith('.mp4')).sort();
  expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  expect(files).toHaveLength(TRIALS);
  const losses: number[] = [];
  for (const [i, file] of files.entries()) {
    const path = join(dir, file);
    expect(frames(path)).toBeGreaterThan(0);
    const sidecar = (await readSidecar(path))!;
    expect(sidecar.repaired).toBe(true);
    // The repair measures the span from the boxes (tfdt + trun): it agrees with ffprobe.
    expect(Math.abs((sidecar.endedAt - sidecar.startedAt) / 1000 - duration(path))).toBeLessThan(0.1);
    losses.push(sentAtKill[i]! / 1000 - duration(path));
  }
  console.log(`[recording] console SIGKILL x${TRIALS}: loss per kill (s) ${losses.map((loss) => loss.toFixed(3)).join(', ')} (sent as last reported, ≤ 50 ms old)`);
  // One fragment is at most a second (a GOP here) plus the frame in flight.
  for (const loss of losses) expect(loss).toBeLessThanOrEqual(1.0 + 0.07);
}, 60_000 + TRIALS * 15_000);
