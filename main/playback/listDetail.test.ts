import { describe, expect, it } from 'vitest';
import { ACTIVITY_VALUES, activityStepFor, spanDetail, type DetailSegment } from './listDetail.js';

const T0 = Date.parse('2026-12-02T14:00:00Z');
const segment = (startedAt: number, seconds: number, endReason: DetailSegment['endReason'], rate = (i: number) => 1000 + i): DetailSegment => ({
  startedAt, endedAt: startedAt + seconds * 1000, endReason, bytesPerSecond: Array.from({ length: seconds }, (_, i) => rate(i)),
});

describe('our /list detail', () => {
  it('says why a span ended and gives its activity a second at a time over a short range', () => {
    const span = { from: T0, to: T0 + 20_000 };
    const detail = spanDetail(span, [segment(T0, 10, 'length'), segment(T0 + 10_000, 10, 'offline')], 1, span);
    expect(detail.endReason).toBe('offline');
    expect(detail.activityStep).toBe(1);
    expect(detail.activityStart).toBe(new Date(T0).toISOString());
    expect(detail.activity).toEqual([...Array.from({ length: 10 }, (_, i) => 1000 + i), ...Array.from({ length: 10 }, (_, i) => 1000 + i)]);
  });

  it('says a span ended where an H.265 camera reconnected to switch its output', () => {
    const span = { from: T0, to: T0 + 10_000 };
    expect(spanDetail(span, [segment(T0, 10, 'output_switched')], 1, span).endReason).toBe('output_switched');
  });

  it('says no reason where the end is only a cut, or where the span was cut short (consent ended)', () => {
    expect(spanDetail({ from: T0, to: T0 + 10_000 }, [segment(T0, 10, 'length')], 1, { from: T0, to: T0 + 10_000 }).endReason).toBeUndefined();
    expect(spanDetail({ from: T0, to: T0 + 5000 }, [segment(T0, 10, 'offline')], 1, { from: T0, to: T0 + 5000 }).endReason).toBeUndefined();
  });

  it('keeps a month compact: the busiest second of each step, and only the range asked', () => {
    const month = 30 * 86_400_000;
    const step = activityStepFor(month);
    expect(Math.ceil(month / 1000 / step)).toBeLessThanOrEqual(ACTIVITY_VALUES);
    const busy = segment(T0, 600, 'offline', (i) => (i === 299 ? 90_000 : 1000));
    const detail = spanDetail({ from: T0, to: T0 + 600_000 }, [busy], 60, { from: T0, to: T0 + 600_000 });
    expect(detail.activity).toHaveLength(10);
    expect(detail.activity![4]).toBe(90_000);
    expect(detail.activity!.filter((v) => v === 1000)).toHaveLength(9);
    // A ten-minute span asked for its middle two minutes carries those two minutes.
    const cut = spanDetail({ from: T0, to: T0 + 600_000 }, [busy], 1, { from: T0 + 240_000, to: T0 + 360_000 });
    expect(cut.activity).toHaveLength(120);
    expect(cut.activityStart).toBe(new Date(T0 + 240_000).toISOString());
    expect(cut.activity![59]).toBe(90_000);
  });

  it('gives no activity where the segments carry none (measured from their boxes, no sidecar)', () => {
    const detail = spanDetail({ from: T0, to: T0 + 10_000 }, [{ startedAt: T0, endedAt: T0 + 10_000, endReason: null, bytesPerSecond: [] }], 1, { from: T0, to: T0 + 10_000 });
    expect(detail).toEqual({});
  });
});
