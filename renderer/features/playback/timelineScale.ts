/**
 * The timeline's scale, pure: how much time it spans (1 minute … 30 days), where its ticks and
 * day boundaries fall in local time, and where a time lies across its width.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The spans an operator zooms through, narrowest first. */
export const ZOOM_SPANS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY] as const;

/** Tick steps, smallest first; the first giving at most MAX_TICKS across the span is used. */
const TICK_STEPS = [10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];
const MAX_TICKS = 8;

export interface Window {
  from: number;
  to: number;
}

/** The window of `span` ms with `center` in its middle. */
export function windowAround(center: number, span: number): Window {
  return { from: center - span / 2, to: center + span / 2 };
}

/** One zoom step in (-1) or out (+1) from `span`, held within 1 minute … 30 days. */
export function zoomStep(span: number, step: -1 | 1): number {
  let index = ZOOM_SPANS.findIndex((s) => s >= span);
  if (index < 0) index = ZOOM_SPANS.length - 1;
  return ZOOM_SPANS[Math.min(ZOOM_SPANS.length - 1, Math.max(0, index + step))]!;
}

/** Where `ms` lies across the window, 0 … 1 (outside it below 0 or above 1). */
export function fractionOf(ms: number, window: Window): number {
  return (ms - window.from) / (window.to - window.from);
}

/** The time at `fraction` of the window's width. */
export function timeAt(fraction: number, window: Window): number {
  return window.from + fraction * (window.to - window.from);
}

/** The local midnight at or before `ms`. */
function localMidnight(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Local midnights inside the window (the day boundaries drawn across it). */
export function dayBoundaries(window: Window): number[] {
  const out: number[] = [];
  let day = localMidnight(window.from);
  if (day < window.from) day = nextLocalDay(day);
  for (; day <= window.to; day = nextLocalDay(day)) out.push(day);
  return out;
}

/** The next local midnight: days are 23 or 25 hours long where clocks change. */
function nextLocalDay(midnight: number): number {
  const d = new Date(midnight);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** Tick times inside the window at a round local step (minutes and hours counted from local midnight). */
export function ticks(window: Window): { step: number; times: number[] } {
  const span = window.to - window.from;
  const step = TICK_STEPS.find((s) => span / s <= MAX_TICKS) ?? TICK_STEPS.at(-1)!;
  const times: number[] = [];
  if (step >= DAY) {
    for (const day of dayBoundaries(window)) if (Math.round((day - localMidnight(window.from)) / DAY) % (step / DAY) === 0) times.push(day);
    return { step, times };
  }
  const base = localMidnight(window.from);
  for (let t = base + Math.ceil((window.from - base) / step) * step; t <= window.to; t += step) times.push(t);
  return { step, times };
}
