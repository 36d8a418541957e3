/**
 * The playback clock: where in recorded time a wall (or a freed tile) is, as a pure value. Every
 * tile that follows a clock computes its position from the same value and the same `now`, so tiles
 * on one clock can differ only by what each has decoded, never by their own idea of time.
 */

/** The speeds an operator can choose, slowest first. */
export const SPEEDS = [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16] as const;
/** From this speed up, and in reverse, only keyframes are fetched and decoded. */
export const KEYFRAMES_FROM_SPEED = 8;

export interface ClockState {
  /** Recorded time (epoch ms) at `anchorAt`. */
  anchorMs: number;
  /** The page's monotonic time (performance.now()) when the clock was last set. */
  anchorAt: number;
  /** One of SPEEDS. */
  speed: number;
  /** 1 forward, -1 reverse. */
  direction: 1 | -1;
  paused: boolean;
  /**
   * Set at a start or a seek: the clock stays at `anchorMs` until its tiles show that instant, and
   * runs from there (`release`). A clock that ran while the first picture was fetched and decoded
   * showed T + that time (0.1–0.7 s here), not T.
   */
  waiting: boolean;
}

export function startClock(atMs: number, now: number): ClockState {
  return { anchorMs: atMs, anchorAt: now, speed: 1, direction: 1, paused: false, waiting: true };
}

/** Recorded time (epoch ms) the clock shows at `now`. */
export function positionAt(clock: ClockState, now: number): number {
  if (clock.paused || clock.waiting) return clock.anchorMs;
  return clock.anchorMs + (now - clock.anchorAt) * clock.speed * clock.direction;
}

/** Every change re-anchors first, so the position never jumps unless asked to. */
function reanchored(clock: ClockState, now: number): ClockState {
  return { ...clock, anchorMs: positionAt(clock, now), anchorAt: now };
}

export const seek = (clock: ClockState, atMs: number, now: number): ClockState => ({ ...clock, anchorMs: atMs, anchorAt: now, waiting: true });
/** The tiles show the instant waited at: the clock runs from it, starting now. */
export const release = (clock: ClockState, now: number): ClockState => (clock.waiting ? { ...clock, anchorAt: now, waiting: false } : clock);
export const setPaused = (clock: ClockState, paused: boolean, now: number): ClockState => ({ ...reanchored(clock, now), paused });
export const setDirection = (clock: ClockState, direction: 1 | -1, now: number): ClockState => ({ ...reanchored(clock, now), direction });

/** One step slower (-1) or faster (+1) along SPEEDS, held at the ends. */
export function stepSpeed(clock: ClockState, step: -1 | 1, now: number): ClockState {
  const index = SPEEDS.findIndex((s) => s === clock.speed);
  const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (index < 0 ? 3 : index) + step))]!;
  return { ...reanchored(clock, now), speed: next };
}

export const setSpeed = (clock: ClockState, speed: number, now: number): ClockState => ({ ...reanchored(clock, now), speed });

/** Whether tiles on this clock fetch and decode keyframes only (fast, or reverse; never while paused). */
export function keyframesOnly(clock: ClockState): boolean {
  return !clock.paused && (clock.speed >= KEYFRAMES_FROM_SPEED || clock.direction < 0);
}

/** "1/8×", "2×": how the speed reads on the bar. */
export function speedLabel(speed: number): string {
  return speed >= 1 ? `${speed}×` : `1/${Math.round(1 / speed)}×`;
}
