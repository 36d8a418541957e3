import { describe, expect, it } from 'vitest';
import { evidenceStem, localStamp, numberedStem, safeFileStem } from './fileNames.js';

describe('safeFileStem', () => {
  it('keeps Chinese and replaces what Windows and FAT refuse', () => {
    expect(safeFileStem('东村路口')).toBe('东村路口');
    expect(safeFileStem('村口/北:门*1?')).toBe('村口_北_门_1_');
    expect(safeFileStem('a<b>c"d|e\\f')).toBe('a_b_c_d_e_f');
    expect(safeFileStem('tab\there\u0001')).toBe('tab_here_');
  });

  it('drops trailing dots and spaces, and never gives a device name or nothing', () => {
    expect(safeFileStem('门口. . ')).toBe('门口');
    expect(safeFileStem('CON')).toBe('CON_');
    expect(safeFileStem('lpt1')).toBe('lpt1_');
    expect(safeFileStem('///', 'camera')).toBe('camera');
    expect(safeFileStem('  ', 'camera')).toBe('camera');
  });

  it('cuts a long name at a character, within the byte budget', () => {
    const stem = safeFileStem('路'.repeat(100));
    expect(Buffer.byteLength(stem)).toBeLessThanOrEqual(120);
    expect(stem).toBe('路'.repeat(40));
  });
});

describe('localStamp', () => {
  const at = Date.parse('2026-12-02T21:40:48.181Z');
  it('says the local wall-clock time with its offset', () => {
    expect(localStamp(at, 480)).toBe('20261203-054048+0800');
    expect(localStamp(at, 0)).toBe('20261202-214048+0000');
    expect(localStamp(at, -330)).toBe('20261202-161048-0530');
  });

  it('names a camera file by camera name and local time', () => {
    expect(evidenceStem('东村路口', at, 480)).toBe('东村路口_20261203-054048+0800');
    expect(numberedStem('x', 1)).toBe('x');
    expect(numberedStem('x', 2)).toBe('x_2');
  });
});
