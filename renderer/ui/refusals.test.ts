import { describe, expect, it } from 'vitest';
import { hostSentenceKey, refusalOf } from './refusals';

describe("main's own refusals", () => {
  it('reads a camera refusal out of a failed call', () => {
    expect(refusalOf({ message: 'access:consent_expired' })).toBe('consent_expired');
    expect(refusalOf({ message: 'access:consent_revoked' })).toBe('consent_revoked');
    expect(refusalOf({ message: 'access:something_new' })).toBeNull();
    expect(refusalOf({ message: 'camera home' })).toBeNull();
    expect(refusalOf(null)).toBeNull();
  });

  it('maps refusals, PIN and evidence problems to their catalogue sentences', () => {
    expect(hostSentenceKey('access:no_consent')).toBe('refusal.no_consent');
    expect(hostSentenceKey('access:admin_only')).toBe('refusal.admin_only');
    expect(hostSentenceKey('pin:locked')).toBe('pinProblem.locked');
    expect(hostSentenceKey('evidence:disk_full')).toBe('evidenceProblem.disk_full');
  });

  it('leaves other messages to the field sentences or the error code', () => {
    expect(hostSentenceKey('mainUrl:scheme')).toBeNull();
    expect(hostSentenceKey('evidence:unheard_of')).toBeNull();
    expect(hostSentenceKey('internal error')).toBeNull();
  });
});
