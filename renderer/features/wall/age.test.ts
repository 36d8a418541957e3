import { describe, expect, it } from 'vitest';
import { ageOf } from './age';

describe('ageOf', () => {
  it('counts seconds for the first minute', () => {
    expect(ageOf(12_400)).toEqual({ unit: 'seconds', value: 12 });
    expect(ageOf(59_999)).toEqual({ unit: 'seconds', value: 59 });
  });

  it('switches to minutes, hours and days for long outages', () => {
    expect(ageOf(60_000)).toEqual({ unit: 'minutes', value: 1 });
    expect(ageOf(3 * 3600_000)).toEqual({ unit: 'hours', value: 3 });
    expect(ageOf(47 * 3600_000)).toEqual({ unit: 'hours', value: 47 });
    expect(ageOf(72 * 3600_000)).toEqual({ unit: 'days', value: 3 });
  });

  it('treats a clock slightly ahead of the host as no age', () => {
    expect(ageOf(-1500)).toEqual({ unit: 'seconds', value: 0 });
  });
});
