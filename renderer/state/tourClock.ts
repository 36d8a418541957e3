/**
 * The timing of a tour (轮巡), without any screen or host: which step shows, when the next one is
 * warmed up, when it switches, and pausing while the operator works. Timers are plain setTimeout,
 * so tests drive it with fake timers.
 */

export interface TourClockOptions {
  /** How long each step shows. */
  dwellMs: readonly number[];
  /** How long before a switch the next step's cameras are started. */
  prestartMs?: number;
  /** After the operator's last touch, the tour resumes on its own this much later. */
  idleResumeMs?: number;
  onStep(index: number): void;
  onPrestart(index: number): void;
  onChange?(): void;
}

export type PausedBy = 'operator' | 'activity';

export interface TourClockState {
  phase: 'running' | 'paused' | 'stopped';
  pausedBy: PausedBy | null;
  index: number;
  count: number;
  /** Running: when the current step ends (ms since epoch). */
  endsAt: number | null;
  /** Paused: how long the current step still had to go. */
  remainingMs: number;
  /** Paused by activity: when the tour resumes by itself. */
  resumesAt: number | null;
}

export const DEFAULT_PRESTART_MS = 3000;
export const DEFAULT_IDLE_RESUME_MS = 30_000;

export class TourClock {
  private state: TourClockState;
  private stepTimer: ReturnType<typeof setTimeout> | undefined;
  private prestartTimer: ReturnType<typeof setTimeout> | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private prestarted = false;
  private readonly prestartMs: number;
  private readonly idleResumeMs: number;

  constructor(private readonly options: TourClockOptions) {
    if (options.dwellMs.length === 0) throw new Error('a tour needs at least one step');
    this.prestartMs = options.prestartMs ?? DEFAULT_PRESTART_MS;
    this.idleResumeMs = options.idleResumeMs ?? DEFAULT_IDLE_RESUME_MS;
    this.state = { phase: 'stopped', pausedBy: null, index: 0, count: options.dwellMs.length, endsAt: null, remainingMs: 0, resumesAt: null };
  }

  snapshot(): TourClockState {
    return this.state;
  }

  start(): void {
    this.clearTimers();
    this.show(0);
  }

  stop(): void {
    this.clearTimers();
    this.set({ phase: 'stopped', pausedBy: null, endsAt: null, resumesAt: null });
  }

  /** Space bar / the pause button: pauses until resumed by hand. */
  toggle(): void {
    if (this.state.phase === 'running') this.pause('operator');
    else if (this.state.phase === 'paused') this.resume();
  }

  /** The operator touched the wall: hold the current step, and go on after a quiet spell. */
  touch(): void {
    if (this.state.phase === 'running') this.pause('activity');
    else if (this.state.phase === 'paused' && this.state.pausedBy === 'activity') this.armResume();
  }

  resume(): void {
    if (this.state.phase !== 'paused') return;
    clearTimeout(this.resumeTimer);
    this.run(this.state.remainingMs);
  }

  private pause(by: PausedBy): void {
    const remainingMs = Math.max(0, (this.state.endsAt ?? Date.now()) - Date.now());
    this.clearTimers();
    this.set({ phase: 'paused', pausedBy: by, endsAt: null, remainingMs, resumesAt: null });
    if (by === 'activity') this.armResume();
  }

  private armResume(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.resume(), this.idleResumeMs);
    this.set({ resumesAt: Date.now() + this.idleResumeMs });
  }

  private show(index: number): void {
    this.prestarted = false;
    this.set({ index });
    this.options.onStep(index);
    this.run(this.options.dwellMs[index]!);
  }

  private run(ms: number): void {
    this.clearTimers();
    this.set({ phase: 'running', pausedBy: null, endsAt: Date.now() + ms, remainingMs: ms, resumesAt: null });
    this.stepTimer = setTimeout(() => this.show((this.state.index + 1) % this.state.count), ms);
    if (!this.prestarted && this.state.count > 1) {
      this.prestartTimer = setTimeout(() => {
        this.prestarted = true;
        this.options.onPrestart((this.state.index + 1) % this.state.count);
      }, Math.max(0, ms - this.prestartMs));
    }
  }

  private set(change: Partial<TourClockState>): void {
    this.state = { ...this.state, ...change };
    this.options.onChange?.();
  }

  private clearTimers(): void {
    clearTimeout(this.stepTimer);
    clearTimeout(this.prestartTimer);
    clearTimeout(this.resumeTimer);
  }
}
