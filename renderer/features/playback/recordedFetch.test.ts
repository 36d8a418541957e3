import { describe, expect, it } from 'vitest';
import { recordedUrl } from './recordedFetch';

describe("a playback session's /get address", () => {
  it('keeps the ticket and asks for the start, the duration and keyframes only', () => {
    const url = new URL(recordedUrl('http://127.0.0.1:4711/get?path=cam-1&ticket=abc', 1_764_000_000_123.7, 59.2, true));
    expect(url.searchParams.get('ticket')).toBe('abc');
    expect(url.searchParams.get('path')).toBe('cam-1');
    expect(url.searchParams.get('start')).toBe('1764000000123');
    expect(url.searchParams.get('duration')).toBe('60');
    expect(url.searchParams.get('keyframes')).toBe('1');
  });

  it("asks keyframes only that far apart, and says no spacing when it wants every one or every frame", () => {
    const spaced = new URL(recordedUrl('http://127.0.0.1:4711/get?ticket=abc', 5000, 600, true, 2000.4));
    expect(spaced.searchParams.get('spacing')).toBe('2000');
    expect(new URL(recordedUrl(spaced.toString(), 5000, 600, true, 0)).searchParams.has('spacing')).toBe(false);
    expect(new URL(recordedUrl(spaced.toString(), 5000, 600, false, 2000)).searchParams.has('spacing')).toBe(false);
  });

  it('asks for every frame when not told otherwise, and never for less than a second', () => {
    const url = new URL(recordedUrl('http://127.0.0.1:4711/get?ticket=abc&keyframes=1', 5, 0, false));
    expect(url.searchParams.has('keyframes')).toBe(false);
    expect(url.searchParams.get('duration')).toBe('1');
  });

  it('asks for H.264 of footage recorded in another codec only when told to', () => {
    const converted = new URL(recordedUrl('http://127.0.0.1:4711/get?ticket=abc', 5000, 600, true, 2000, true));
    expect(converted.searchParams.get('convert')).toBe('h264');
    expect(converted.searchParams.get('spacing')).toBe('2000');
    expect(new URL(recordedUrl(converted.toString(), 5000, 600, false)).searchParams.has('convert')).toBe(false);
  });
});
