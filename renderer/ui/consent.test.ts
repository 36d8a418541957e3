import { describe, expect, it } from 'vitest';
import { consentSummary, formatDay, fromLocalInput, mayWatch, toLocalInput } from './consent';

const NOW = new Date(2025, 5, 1, 12, 0).getTime();
const household = (consent: { levels: ('village' | 'township')[]; until: number | null; revoked: boolean } | null) => ({ ownerKind: 'household' as const, consent });

describe('consent in a few words', () => {
  it('says nothing about public cameras', () => {
    expect(consentSummary({ ownerKind: 'public', consent: null }, NOW)).toEqual({ state: 'public' });
  });

  it('tells until when a household camera may be watched', () => {
    const until = new Date(2025, 11, 31, 23, 59).getTime();
    expect(consentSummary(household({ levels: ['village'], until, revoked: false }), NOW)).toEqual({ state: 'until', until });
    expect(consentSummary(household({ levels: ['village'], until: null, revoked: false }), NOW)).toEqual({ state: 'open' });
    expect(formatDay(until, 'zh-CN')).toBe('12月31日');
  });

  it('says when consent has ended, was revoked, or was never given', () => {
    expect(consentSummary(household({ levels: ['village'], until: NOW - 1, revoked: false }), NOW)).toEqual({ state: 'expired', until: NOW - 1 });
    expect(consentSummary(household({ levels: ['village'], until: null, revoked: true }), NOW)).toEqual({ state: 'revoked' });
    expect(consentSummary(household({ levels: [], until: null, revoked: false }), NOW)).toEqual({ state: 'none' });
    expect(consentSummary(household(null), NOW)).toEqual({ state: 'none' });
  });

  it('warns when the consent does not cover this console’s level', () => {
    const consent = { levels: ['village' as const], until: null, revoked: false };
    expect(mayWatch(household(consent), 'village', NOW)).toBe(true);
    expect(mayWatch(household(consent), 'township', NOW)).toBe(false);
    expect(mayWatch(household({ ...consent, revoked: true }), 'village', NOW)).toBe(false);
    expect(mayWatch({ ownerKind: 'public', consent: null }, 'township', NOW)).toBe(true);
  });

  it('reads and writes the date-time field in local time', () => {
    const ms = new Date(2025, 11, 31, 18, 30).getTime();
    expect(toLocalInput(ms)).toBe('2025-12-31T18:30');
    expect(fromLocalInput('2025-12-31T18:30')).toBe(ms);
    expect(fromLocalInput('')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });
});
