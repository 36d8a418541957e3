import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupRing, stampOf } from './backups.js';

function ring(keep = 3, spacingMs = 60_000) {
  let clock = Date.UTC(2026, 10, 29, 8, 0, 0);
  const dir = join(mkdtempSync(join(tmpdir(), 'vw-backups-')), 'backups');
  const backups = new BackupRing({ dir, stem: 'village-wall', keep, spacingMs, now: () => clock });
  return { backups, dir, tick: (ms: number) => (clock += ms) };
}

describe('BackupRing', () => {
  it('names backups by the time they were written, in an order that sorts as text', () => {
    expect(stampOf(Date.UTC(2026, 10, 29, 1, 37, 35, 123))).toBe('20261129T013735123Z');
    const { backups, dir } = ring();
    backups.save('{"a":1}');
    expect(readdirSync(dir)).toEqual(['village-wall.20261129T080000000Z.json']);
  });

  it('writes nothing when the content equals the newest backup', () => {
    const { backups, tick } = ring();
    backups.save('{"a":1}');
    tick(120_000);
    backups.save('{"a":1}');
    expect(backups.list()).toHaveLength(1);
  });

  it('keeps only the newest N, newest first', () => {
    const { backups, tick } = ring(3);
    for (let i = 1; i <= 5; i++) {
      tick(120_000);
      backups.save(`{"n":${i}}`);
    }
    const kept = backups.list();
    expect(kept.map((b) => JSON.parse(readFileSync(b.path, 'utf8')).n)).toEqual([5, 4, 3]);
    expect(kept[0]!.at - kept[1]!.at).toBe(120_000);
  });

  it('lets a burst of writes replace one another instead of pushing older backups out', () => {
    const { backups, tick } = ring(3);
    backups.save('{"n":0}');
    tick(120_000);
    backups.save('{"n":1}');
    for (let i = 2; i <= 20; i++) {
      tick(1_000);
      backups.save(`{"n":${i}}`);
    }
    const contents = backups.list().map((b) => JSON.parse(readFileSync(b.path, 'utf8')).n);
    expect(contents[0]).toBe(20);
    expect(contents).toContain(0);
  });

  it('finds the newest backup a reader accepts', () => {
    const { backups, tick } = ring(5);
    for (const text of ['{"ok":1}', '{"ok":2}', 'broken']) {
      tick(120_000);
      backups.save(text);
    }
    const found = backups.newestUsable((text) => {
      try {
        return JSON.parse(text) as { ok: number };
      } catch {
        return null;
      }
    });
    expect(found?.value).toEqual({ ok: 2 });
  });
});
