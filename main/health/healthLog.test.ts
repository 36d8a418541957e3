import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { StreamEngine } from '../engine/session/streamEngine.js';
import { HealthLog } from './healthLog.js';

const engine = new StreamEngine({ resolveSource: () => null, ffmpegPath: () => null, log: silentLogger });
let health: HealthLog | null = null;
afterEach(() => health?.close());

describe('HealthLog', () => {
  it('keeps running when its folder cannot be made, says why, and writes again once it can', async () => {
    const logs = join(mkdtempSync(join(tmpdir(), 'vw-health-')), 'logs');
    writeFileSync(logs, 'a file where the folder should be');
    health = new HealthLog(join(logs, 'health.log'), engine, 5);
    await sleep(40); // several ticks of its timer: none may throw out of it (vitest fails on an uncaught error)
    expect(health.notices()).toEqual([expect.objectContaining({ kind: 'health_log_unwritable', problem: 'no_folder', path: join(logs, 'health.log') })]);
    expect(health.tail()).toEqual([]);
    rmSync(logs);
    health.writeSample();
    expect(health.notices()).toEqual([]);
    expect(health.tail()).toHaveLength(1);
    expect(statSync(logs).mode & 0o777).toBe(0o700);
  });
});
