import { describe, expect, it } from 'vitest';
import { parseGetQuery, parseInstant } from './getQuery.js';

const q = (text: string) => parseGetQuery(new URLSearchParams(text));

describe('a recorded-footage request', () => {
  it('takes epoch ms or RFC 3339 with its zone, as MediaMTX and our player send them', () => {
    expect(parseInstant('1796265927000')).toBe(1796265927000);
    expect(parseInstant('2026-12-03T01:00:00Z')).toBe(Date.UTC(2026, 11, 3, 1));
    expect(parseInstant('2026-12-03T09:00:00.123456789+08:00')).toBe(Date.UTC(2026, 11, 3, 1, 0, 0, 123));
  });

  it('refuses a time without its zone, or that is not a time', () => {
    for (const bad of ['2026-12-03T01:00:00', '2026-12-03', 'yesterday', '-5', '', null]) expect(parseInstant(bad)).toBeNull();
  });

  it('reads the range and keyframes-only', () => {
    expect(q('start=1000&duration=2.5&keyframes=1&format=fmp4')).toEqual({ ok: true, value: { start: 1000, end: 3500, keyframesOnly: true, keyframeSpacingMs: 0, convert: null } });
    expect(q('start=1000&duration=60')).toEqual({ ok: true, value: { start: 1000, end: 61_000, keyframesOnly: false, keyframeSpacingMs: 0, convert: null } });
  });

  it("reads keyframes' spacing, which means nothing without keyframes-only", () => {
    expect(q('start=1000&duration=60&keyframes=1&spacing=2000')).toMatchObject({ ok: true, value: { keyframesOnly: true, keyframeSpacingMs: 2000 } });
    expect(q('start=1000&duration=60&spacing=2000')).toMatchObject({ ok: true, value: { keyframesOnly: false, keyframeSpacingMs: 0 } });
    for (const bad of ['-1', '1.5', 'x', '', '86400001']) expect(q(`start=1000&duration=60&keyframes=1&spacing=${bad}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^spacing/) });
  });

  it('says what is wrong with a bad duration or format', () => {
    expect(q('start=1000&duration=0')).toMatchObject({ ok: false, reason: expect.stringMatching(/^duration/) });
    expect(q('start=1000&duration=86401')).toMatchObject({ ok: false, reason: expect.stringMatching(/^duration/) });
    expect(q('start=1000&duration=1e3')).toMatchObject({ ok: false });
    expect(q('start=1000&duration=5&format=mp4')).toMatchObject({ ok: false, reason: 'format: only fmp4' });
    expect(q('duration=5')).toMatchObject({ ok: false, reason: expect.stringMatching(/^start/) });
  });

  it('reads our convert=h264, and refuses a conversion to anything else', () => {
    expect(q('start=1000&duration=60&convert=h264')).toMatchObject({ ok: true, value: { convert: 'h264' } });
    for (const bad of ['h265', 'H264', '', 'vp9']) expect(q(`start=1000&duration=60&convert=${bad}`)).toMatchObject({ ok: false, reason: 'convert: only h264' });
  });
});
