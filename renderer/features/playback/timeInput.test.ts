import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './timeInput';

describe('the date and time the operator types to jump', () => {
  it('reads back what it wrote, to the second, in local time', () => {
    const ms = new Date(2026, 11, 3, 2, 15, 30).getTime();
    expect(toLocalInput(ms)).toBe('2026-12-03T02:15:30');
    expect(fromLocalInput('2026-12-03T02:15:30')).toBe(ms);
    expect(fromLocalInput('2026-12-03 02:15')).toBe(ms - 30_000);
  });

  it('refuses what is not a real date and time', () => {
    expect(fromLocalInput('2026-02-31T10:00')).toBeNull();
    expect(fromLocalInput('2026-12-03T24:10')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });
});
