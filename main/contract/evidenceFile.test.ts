import { describe, expect, it } from 'vitest';
import { evidenceFile } from './requests.js';

describe('an evidence file name in a call', () => {
  it('accepts the names evidence is saved under, old and new', () => {
    for (const name of ['东村路口_20261203-054048+0800.jpg', '东村路口_20261203-054048+0800_2.mp4', 'demo-xi-2-2026-12-02T21-40-48-181Z.jpg']) {
      expect(evidenceFile.safeParse(name).success, name).toBe(true);
    }
  });

  it('refuses a path, a hidden file, or what Windows would refuse', () => {
    for (const name of ['../../etc/passwd', 'a/b.jpg', 'a\\b.jpg', '.env', '..', 'c:x.jpg', 'x.jpg ', '', 'x.', 'a\u0000b']) {
      expect(evidenceFile.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });
});
